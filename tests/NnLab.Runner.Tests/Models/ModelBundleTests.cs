using System.Text.Json;
using NnLab.Experiments;
using NnLab.Registry;
using NnLab.Runner.Models;
using NnLab.Runner.Training;

namespace NnLab.Runner.Tests.Models;

/// <summary>The model bundle a run writes, loaded back: its description, its predictions, its metrics and its errors.</summary>
public sealed class ModelBundleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_bundle_describes_the_model_and_predicts_the_runs_own_outputs_bit_for_bit()
    {
        // Feature products and normalisation: the bundle must derive x3 = x1·x2 and scale as the run did.
        var experiment = ModelTestRuns.Load("moons.yaml", null, "data.features=[x1, x2, {product: [x1, x2], name: x3}]",
            "data.normalize=minmax", "training.epochs=100");
        string run = await ModelTestRuns.Train(experiment, _dir.Combine("run"));

        var description = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model", "model.json"))).RootElement;
        Assert.Equal("nnlab-model", description.GetProperty("format").GetString());
        Assert.Equal(["x1", "x2"], description.GetProperty("inputs").GetProperty("columns").EnumerateArray().Select(e => e.GetString()));
        var product = description.GetProperty("inputs").GetProperty("features")[2];
        Assert.Equal(["x1", "x2"], product.GetProperty("product").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("best", description.GetProperty("weights").GetProperty("kept").GetString());
        Assert.Equal(experiment.Data.Sha256, description.GetProperty("data_sha256").GetString());

        var model = Model.Load(run);
        Assert.Equal(["x1", "x2"], model.InputColumns);
        // predictions.csv lists the training rows, then validation, then test: put the raw rows in that order.
        var raw = ModelTestRuns.RawRows(experiment);
        var ordered = RawTable.FromText(raw.Columns, new[] { "train", "validation", "test" }
            .SelectMany(split => raw.Rows.Where(r => r[^1] == split)).ToList());
        var predictions = model.Predict(ordered);
        var expected = File.ReadAllLines(Path.Combine(run, RunFiles.Predictions)).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(expected.Count, predictions.Count);
        for (int j = 0; j < expected.Count; j++)
        {
            Assert.Equal(expected[j][^3], predictions.OutputTexts(j).Single());
            Assert.Equal(expected[j][^2], predictions.Label(j));
        }
    }

    [Fact]
    public async Task Float32_weights_are_stored_as_floats_and_predict_as_the_run_did()
    {
        var experiment = ModelTestRuns.Load("xor.yaml", null, "training.precision=float32", "training.epochs=300");
        string run = await ModelTestRuns.Train(experiment, _dir.Combine("run"));
        using (var stream = File.OpenRead(Path.Combine(run, "model", "layer0.W.npy")))
            Assert.IsType<float[]>(Runner.Checkpoints.NpyFile.Read(stream).Values);

        var model = Model.Load(Path.Combine(run, "model"));
        var predictions = model.Predict([[0, 0], [0, 1], [1, 0], [1, 1]]);
        var expected = File.ReadAllLines(Path.Combine(run, RunFiles.Predictions)).Skip(1).Select(l => l.Split(',')[^2]);
        Assert.Equal(expected, Enumerable.Range(0, 4).Select(j => predictions.OutputTexts(j).Single()));
    }

    [Fact]
    public async Task Evaluate_on_the_test_rows_equals_the_runs_test_section()
    {
        var experiment = ModelTestRuns.Load("iris.yaml", null, "training.epochs=200");
        string run = await ModelTestRuns.Train(experiment, _dir.Combine("run"));
        var all = ModelTestRuns.RawRows(experiment);
        var test = RawTable.FromText(all.Columns, all.Rows.Where(r => r[^1] == DataSplit.TestName).ToList());

        var metrics = Model.Load(run).Evaluate(test);

        using var json = new MemoryStream();
        ModelOutputs.WriteMetricsJson(json, "m", "d", metrics);
        var evaluated = JsonDocument.Parse(json.ToArray()).RootElement.GetProperty("metrics");
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunFiles.Summary))).RootElement.GetProperty("test");
        Assert.True(JsonElement.DeepEquals(summary, evaluated), $"{summary}\n---\n{evaluated}");
    }

    [Fact]
    public async Task Early_stopping_keeps_the_best_weights_and_the_bundle_says_so()
    {
        var experiment = ModelTestRuns.Load("iris.yaml", null, "training.epochs=400", "training.early_stopping.patience=30");
        string run = await ModelTestRuns.Train(experiment, _dir.Combine("run"));
        var weights = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model", "model.json"))).RootElement.GetProperty("weights");
        Assert.Equal("best", weights.GetProperty("kept").GetString());
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunFiles.Summary))).RootElement;
        Assert.Equal(summary.GetProperty("best_epoch").GetInt32(), weights.GetProperty("best_epoch").GetInt32());
        // The bundle's weights are weights.json's final ones: the kept (best) weights.
        var final = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, RunFiles.Weights))).RootElement
            .GetProperty("layers")[0].GetProperty("final").GetProperty("W");
        using var stream = File.OpenRead(Path.Combine(run, "model", "layer0.W.npy"));
        var stored = (double[])Runner.Checkpoints.NpyFile.Read(stream).Values;
        Assert.Equal(final.EnumerateArray().SelectMany(r => r.EnumerateArray()).Select(v => v.GetDouble()), stored);
    }

    [Fact]
    public async Task Under_early_stopping_the_bundle_also_keeps_the_last_epochs_weights()
    {
        var experiment = ModelTestRuns.Load("iris.yaml", null, "training.epochs=400", "training.early_stopping.patience=30");
        string run = await ModelTestRuns.Train(experiment, _dir.Combine("stopped"));
        var description = JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "model", "model.json"))).RootElement;
        var weights = description.GetProperty("weights");
        int epochs = weights.GetProperty("epochs_completed").GetInt32(), best = weights.GetProperty("best_epoch").GetInt32();
        Assert.True(epochs < 400 && best < epochs - 1, $"expected an early stop after the best epoch: {epochs} epochs, best {best}");

        // The same run without early stopping, trained as many epochs: its (final) weights are the last epoch's.
        string yaml = File.ReadAllText(ModelTestRuns.ExperimentFile("iris.yaml"));
        Assert.Contains("early_stopping:", yaml);
        yaml = string.Join('\n', yaml.Split('\n').Where(l => !l.TrimStart().StartsWith("early_stopping:", StringComparison.Ordinal)));
        var whole = new ExperimentLoader(ComponentRegistry.CreateWithBuiltIns())
            .LoadText(yaml, "iris.yaml", Path.Combine(ModelTestRuns.RepositoryRoot, "experiments"), [$"training.epochs={epochs}"]).Experiment;
        Assert.Null(whole.Training.EarlyStopping);
        string wholeRun = await ModelTestRuns.Train(whole, _dir.Combine("whole"));

        var layers = description.GetProperty("layers");
        int checkedParameters = 0;
        foreach (var layer in layers.EnumerateArray())
            foreach (var parameter in layer.GetProperty("parameters").EnumerateObject())
            {
                string kept = parameter.Value.GetProperty("file").GetString()!, last = parameter.Value.GetProperty("last_epoch_file").GetString()!;
                Assert.Equal($"last_epoch.{kept}", last);
                Assert.Equal(Npy(Path.Combine(wholeRun, "model", kept)), Npy(Path.Combine(run, "model", last)));
                Assert.NotEqual(Npy(Path.Combine(run, "model", kept)), Npy(Path.Combine(run, "model", last)));
                checkedParameters++;
            }
        Assert.Equal(4, checkedParameters);
        // Without early stopping the weights are the last epoch's, and there is nothing else to keep.
        Assert.DoesNotContain(Directory.GetFiles(Path.Combine(wholeRun, "model")), f => Path.GetFileName(f).StartsWith("last_epoch.", StringComparison.Ordinal));

        // The bundle with its last-epoch files still loads (and predicts with the kept weights, as the tests above show).
        Assert.Equal(["setosa", "versicolor", "virginica"], Model.Load(run).ClassLabels);
    }

    private static double[] Npy(string path)
    {
        using var stream = File.OpenRead(path);
        return (double[])Runner.Checkpoints.NpyFile.Read(stream).Values;
    }

    [Fact]
    public async Task Bad_data_is_refused_with_the_column_and_the_cells_location()
    {
        string run = await ModelTestRuns.Train(ModelTestRuns.Load("xor.yaml", null, "training.epochs=10"), _dir.Combine("run"));
        var model = Model.Load(run);

        var missing = Assert.Throws<ModelException>(() => model.Predict(RawTable.FromText(["x1", "label"], [["0", "a"]])));
        Assert.Contains("missing column 'x2'", missing.Message);
        Assert.Contains("the model reads x1, x2", missing.Message);

        string csv = _dir.Combine("bad.csv");
        File.WriteAllText(csv, "x1,x2,note\n0,1,ok\n1, abc,ok\n");
        var bad = Assert.Throws<ModelException>(() => model.Predict(RawTable.ReadCsv(csv)));
        Assert.Equal($"{csv}:3:4: column 'x2': expected a number, got 'abc'", bad.Message);

        // Columns the model does not read are not even looked at.
        Assert.Equal(2, model.Predict(RawTable.FromText(["note", "x2", "x1"], [["?", "1", "0"], ["!", "0", "0"]])).Count);
    }

    [Fact]
    public void Loading_what_is_not_a_model_says_what_is_missing()
    {
        var error = Assert.Throws<ModelException>(() => Model.Load(_dir.Path));
        Assert.Contains("not a model", error.Message);
        Assert.Contains("model.json", error.Message);
        Assert.Throws<ModelException>(() => Model.Load(_dir.Combine("nowhere")));
    }

    [Fact]
    public async Task A_model_whose_layer_is_not_registered_names_it_and_the_plugin_it_needs()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        registry.Register(typeof(TestLayers.Doubler<>), new RegisterAttribute("doubler"), "test");
        var experiment = ModelTestRuns.Load("xor.yaml", registry, "training.epochs=10", "model[1]=doubler");
        string run = await ModelTestRuns.Train(experiment, _dir.Combine("run"));

        var error = Assert.Throws<ModelException>(() => Model.Load(run));
        Assert.Contains("layers[1]: the model needs layer 'doubler', which is not registered", error.Message);
        Assert.Contains("--plugins", error.Message);
        Assert.Equal(4, Model.Load(run, registry).Predict([[0, 0], [0, 1], [1, 0], [1, 1]]).Count);
    }

    [Fact]
    public void A_session_trains_once()
    {
        var session = ModelTestRuns.Load("xor.yaml", null, "training.epochs=5").CreateSession();
        session.Train(new TestLayers.IgnoreCosts());
        var error = Assert.Throws<InvalidOperationException>(() => session.Train(new TestLayers.IgnoreCosts()));
        Assert.Contains("already trained", error.Message);
    }
}
