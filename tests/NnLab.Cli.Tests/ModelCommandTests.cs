using System.Text.Json;

namespace NnLab.Cli.Tests;

/// <summary>
/// nnlab predict, evaluate and export as separate processes on a trained run folder: the bundle alone reproduces the
/// run's outputs and scores, and bad data or a missing plugin exit 2 with nothing written.
/// </summary>
public sealed class ModelCommandTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private async Task TrainIrisAndWriteItsData()
    {
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("iris.yaml"), "--out", "run");
        Assert.True(run.ExitCode == 0, run.ToString());
        var data = await NnLabProcess.RunAsync(_cwd.Path, "data", Repository.Experiment("iris.yaml"), "--out", "d");
        Assert.True(data.ExitCode == 0, data.ToString());
    }

    [Fact]
    public async Task Predict_in_a_new_process_gives_the_runs_own_outputs_bit_for_bit_and_evaluate_its_test_section()
    {
        await TrainIrisAndWriteItsData();

        var predict = await NnLabProcess.RunAsync(_cwd.Path, "predict", "run", "--data", "d/data.csv", "--out", "p.csv");
        Assert.True(predict.ExitCode == 0, predict.ToString());

        // predictions.csv: normalised inputs, species, output1..3, prediction, split — training rows, then validation, then test.
        var expected = File.ReadAllLines(_cwd.Combine("run", "predictions.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var lines = File.ReadAllLines(_cwd.Combine("p.csv"));
        Assert.Equal("sepal_length,sepal_width,petal_length,petal_width,species,split,output1,output2,output3,prediction", lines[0]);
        var predicted = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var ordered = new[] { "train", "validation", "test" }.SelectMany(s => predicted.Where(p => p[5] == s)).ToList();
        Assert.Equal(150, expected.Count);
        Assert.Equal(expected.Select(e => string.Join(',', e[4], e[^1], e[5], e[6], e[7], e[8])),
            ordered.Select(p => string.Join(',', p[4], p[5], p[6], p[7], p[8], p[9])));

        // evaluate on the test rows alone equals summary.json's test section.
        File.WriteAllLines(_cwd.Combine("test.csv"), File.ReadAllLines(_cwd.Combine("d", "data.csv")).Where((l, i) => i == 0 || l.EndsWith(",test")));
        var evaluate = await NnLabProcess.RunAsync(_cwd.Path, "evaluate", "run", "--data", "test.csv", "--format", "json");
        Assert.True(evaluate.ExitCode == 0, evaluate.ToString());
        var metrics = JsonDocument.Parse(evaluate.Stdout).RootElement.GetProperty("metrics");
        var test = JsonDocument.Parse(File.ReadAllText(_cwd.Combine("run", "summary.json"))).RootElement.GetProperty("test");
        Assert.True(JsonElement.DeepEquals(test, metrics), $"{test}\n---\n{metrics}");

        var table = await NnLabProcess.RunAsync(_cwd.Path, "evaluate", "run/model", "--data", "test.csv");
        Assert.True(table.ExitCode == 0, table.ToString());
        Assert.Contains("examples    24", table.StdoutLines);
        Assert.Contains(table.StdoutLines, l => l.StartsWith("confusion matrix"));

        var export = await NnLabProcess.RunAsync(_cwd.Path, "export", "run", "--format", "onnx");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.True(new FileInfo(_cwd.Combine("iris.onnx")).Length > 0);
    }

    [Fact]
    public async Task Bad_data_exits_2_with_the_problem_located_and_writes_nothing()
    {
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--out", "run", "--set", "training.epochs=10");
        Assert.True(run.ExitCode == 0, run.ToString());
        File.WriteAllText(_cwd.Combine("missing.csv"), "x1,y\n0,0\n");
        File.WriteAllText(_cwd.Combine("bad.csv"), "x1,x2,y\n0,1,1\n1,one,1\n");

        var missing = await NnLabProcess.RunAsync(_cwd.Path, "predict", "run", "--data", "missing.csv", "--out", "p.csv");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains(missing.StderrLines, l => l.StartsWith("error: missing.csv: missing column 'x2': the model reads x1, x2"));

        var bad = await NnLabProcess.RunAsync(_cwd.Path, "predict", "run", "--data", "bad.csv", "--out", "p.csv");
        Assert.True(bad.ExitCode == 2, bad.ToString());
        Assert.Contains("error: bad.csv:3:3: column 'x2': expected a number, got 'one'", bad.StderrLines);

        var evaluate = await NnLabProcess.RunAsync(_cwd.Path, "evaluate", "run", "--data", "bad.csv");
        Assert.True(evaluate.ExitCode == 2, evaluate.ToString());
        Assert.Equal("", evaluate.Stdout);

        var notModel = await NnLabProcess.RunAsync(_cwd.Path, "predict", ".", "--data", "bad.csv", "--out", "p.csv");
        Assert.True(notModel.ExitCode == 2, notModel.ToString());
        Assert.Contains(notModel.StderrLines, l => l.Contains("not a model"));

        Assert.False(File.Exists(_cwd.Combine("p.csv")));
    }

    [Fact]
    public async Task A_model_that_needs_a_plugin_says_so_and_exporting_a_plugin_layer_is_refused_by_name()
    {
        Repository.CopyPlugin("plugins/NnLab.Plugins.Swish", _cwd.Combine("my-plugins", "swish"));
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("xor-swish.yaml"), "--out", "run",
            "--plugins", "my-plugins", "--set", "training.epochs=10");
        Assert.True(run.ExitCode == 0, run.ToString());
        File.WriteAllText(_cwd.Combine("xor.csv"), "x1,x2\n0,1\n");

        var without = await NnLabProcess.RunAsync(_cwd.Path, "predict", "run", "--data", "xor.csv", "--out", "p.csv");
        Assert.True(without.ExitCode == 2, without.ToString());
        Assert.Contains(without.StderrLines, l => l.Contains("the model needs layer 'swish', which is not registered"));
        Assert.False(File.Exists(_cwd.Combine("p.csv")));

        var with = await NnLabProcess.RunAsync(_cwd.Path, "predict", "run", "--data", "xor.csv", "--plugins", "my-plugins");
        Assert.True(with.ExitCode == 0, with.ToString());

        var export = await NnLabProcess.RunAsync(_cwd.Path, "export", "run", "--format", "onnx", "--out", "m.onnx", "--plugins", "my-plugins");
        Assert.True(export.ExitCode == 2, export.ToString());
        Assert.Contains(export.StderrLines, l => l.Contains("'swish' has no ONNX mapping"));
        Assert.False(File.Exists(_cwd.Combine("m.onnx")));
    }
}
