using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Experiments;
using NnLab.Runner.Models;

namespace NnLab.Runner.Tests.Models;

/// <summary>The README's in-code example, compiled and run here; a test holds the README's code block equal to it.</summary>
public sealed class ReadmeExampleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<ModelPredictions> Example(string runs)
    {
        // README example begin
        var experiment = new ExperimentBuilder("xor")
            .Seed(48)
            .Data(new { inputs = new[] { new[] { 0, 0 }, [0, 1], [1, 0], [1, 1] }, targets = new[] { 0, 1, 1, 0 } })
            .Layer("linear", new { units = 3, init = "xavier" }).Layer("sigmoid")
            .Layer("linear", new { units = 1, init = "xavier" }).Layer("sigmoid")
            .Optimizer("gradient_descent", new { learning_rate = 1 })
            .Training(new { epochs = 5000 })
            .Build();   // the YAML loader's checks and messages; throws ExperimentConfigException
        var run = await new ExperimentRunner(NullLogger<ExperimentRunner>.Instance, TimeProvider.System)
            .RunAsync(experiment, new RunOptions { RunsRoot = runs });
        var model = Model.Load(run.Folder.FullPath);     // errors are ModelExceptions, never null
        var predictions = model.Predict([[0, 1], [1, 1]]);   // raw rows of model.InputColumns
        Console.WriteLine($"{predictions.Outputs[0, 0]:F3} → {predictions.Label(0)}");
        // README example end
        return predictions;
    }

    [Fact]
    public async Task The_readme_example_trains_xor_and_predicts_with_the_saved_model()
    {
        var predictions = await Example(_dir.Path);
        Assert.Equal(["1", "0"], [predictions.Label(0), predictions.Label(1)]);
        Assert.True(predictions.Outputs[0, 0] > 0.9 && predictions.Outputs[0, 1] < 0.1);
    }

    [Fact]
    public void The_readme_shows_this_example_verbatim()
    {
        static IEnumerable<string> Dedent(IEnumerable<string> lines)
        {
            var list = lines.ToList();
            int indent = list.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            return list.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart());
        }
        var source = File.ReadAllLines(Path.Combine(ModelTestRuns.RepositoryRoot, "tests", "NnLab.Runner.Tests", "Models", "ReadmeExampleTests.cs"));
        var example = Dedent(source.SkipWhile(l => !l.Contains("// README example begin")).Skip(1).TakeWhile(l => !l.Contains("// README example end")));
        var readme = File.ReadAllLines(Path.Combine(ModelTestRuns.RepositoryRoot, "README.md"));
        var block = readme.SkipWhile(l => l != "<!-- in-code example: tests/NnLab.Runner.Tests/Models/ReadmeExampleTests.cs -->")
            .Skip(2).TakeWhile(l => l != "```");
        Assert.Equal(example, block);
    }

    [Fact]
    public void A_builder_mistake_gets_the_files_message_at_its_key_path()
    {
        var error = Assert.Throws<ExperimentConfigException>(() => new ExperimentBuilder("xor")
            .Data(new { inputs = new[] { new[] { 0, 0 }, [1, 1] }, targets = new[] { 0, 1 } })
            .Layer("linear", new { units = 0 }).Layer("sigmod")
            .Training(new { epochs = 10 })
            .Build());
        Assert.Contains(error.Errors, e => e.Path == "model[0].units" && e.Message == "must be at least 1, got 0");
        Assert.Contains(error.Errors, e => e.Path == "model[1]" && e.Message.StartsWith("unknown layer 'sigmod'; did you mean 'sigmoid'?"));
        Assert.All(error.Errors, e => Assert.Equal(ExperimentBuilder.SourceName, e.File));
    }
}
