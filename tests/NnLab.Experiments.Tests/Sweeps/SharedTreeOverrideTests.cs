using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;
using static NnLab.Experiments.Tests.Sweeps.SweepTestFiles;

namespace NnLab.Experiments.Tests.Sweeps;

/// <summary>
/// A sweep's trials share the file's parsed tree: each trial's overrides copy the mappings and lists they change
/// (OverrideApplier with ExperimentSource.IsShared), so the file stays as parsed for the next trial.
/// </summary>
public class SharedTreeOverrideTests
{
    [Fact]
    public void Overrides_on_a_shared_tree_change_a_copy_of_their_path_and_leave_the_file_as_parsed()
    {
        var errors = new ExperimentLoader(TestLoader.BuiltIns).NewCollector("exp.yaml");
        var file = DocumentReader.Read(Xor, errors)!;
        string parsed = Flow(file);
        using (errors.Locations.Scope())
        {
            var trial = new YamlMappingNode(file.Children);
            errors.Locations.Register(trial, errors.Locations.Of(file));
            var overrides = new OverrideParser(errors).Parse(
                ["model[0].units=7", "model[0].init.gain=2", "model[1].alpha=0.5", "training.log_every=5", "optimizer.learning_rate=0.25"]);
            new OverrideApplier(TestLoader.BuiltIns, errors, node => !errors.Locations.IsScoped(node)).Apply(trial, overrides);

            Assert.False(errors.HasErrors);
            Assert.Equal(parsed
                    .Replace("{linear: {units: 3, init: xavier}}", "{linear: {units: 7, init: {name: xavier, gain: 2}}}")
                    .Replace("sigmoid, {linear", "{sigmoid: {alpha: 0.5}}, {linear")
                    .Replace("learning_rate: 1}", "learning_rate: 0.25}")
                    .Replace("{epochs: 10}", "{epochs: 10, log_every: 5}"),
                Flow(trial));
            // Only the path was copied: the data and the untouched layers are the file's own nodes.
            Assert.Same(file.Children[new YamlScalarNode("data")], trial.Children[new YamlScalarNode("data")]);
            Assert.Same(((YamlSequenceNode)file.Children[new YamlScalarNode("model")]).Children[2],
                ((YamlSequenceNode)trial.Children[new YamlScalarNode("model")]).Children[2]);
        }
        Assert.Equal(parsed, Flow(file));
    }

    [Fact]
    public void A_sweeps_trials_each_load_as_the_file_alone_with_their_overrides()
    {
        var sweep = Ok(With("""
            sweep:
              mode: zip
              axes:
                model[0].units: [2, 5, 3]
                model[0].init: [xavier, {name: constant, value: 0.5}, {name: constant, value: -1}]
                optimizer.learning_rate: [0.5, 1, 2]
            """), "training.log_every=2");

        Assert.Equal(3, sweep.Trials.Count);
        foreach (var trial in sweep.Trials)
            Assert.Equal(TestLoader.Ok(Xor, [.. trial.Experiment.Overrides.Select(o => o.ToString())]).ResolvedYaml, trial.Experiment.ResolvedYaml);
    }

    /// <summary>The tree in one line of flow YAML, for comparing trees by what they hold.</summary>
    private static string Flow(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value ?? "~",
        YamlSequenceNode list => "[" + string.Join(", ", list.Children.Select(Flow)) + "]",
        YamlMappingNode mapping => "{" + string.Join(", ", mapping.Children.Select(e => Flow(e.Key) + ": " + Flow(e.Value))) + "}",
        _ => throw new NotSupportedException(),
    };
}
