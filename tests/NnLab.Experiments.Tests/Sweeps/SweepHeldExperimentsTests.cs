using NnLab.Experiments.Sweeps;

namespace NnLab.Experiments.Tests.Sweeps;

/// <summary>
/// A sweep larger than SweepLoader.HeldExperiments keeps no trial's experiment and loads it again when asked: the
/// same trials in every mode (that they train to the same bits is NnLab.Runner.Tests' SweepHeldExperimentsTests).
/// </summary>
public sealed class SweepHeldExperimentsTests
{
    public static TheoryData<string> Blocks => new()
    {
        // Grid: any YAML as values, ranges over an integer key, the last axis fastest, repeats.
        """
        sweep:
          repeats: 2
          axes:
            optimizer: [{name: momentum, learning_rate: 0.5}, "gradient_descent", {name: adam}]
            model[0].units: {linspace: [2, 8, 3]}
            training.log_every: {logspace: [1, 9, 3]}
        """,
        // More distinct shapes (together keys) than a byte numbers: the lean table widens its column.
        """
        sweep:
          axes:
            model[0].units: {linspace: [1, 300, 300]}
        """,
        // Zip: the i-th value of every axis.
        """
        sweep:
          mode: zip
          repeats: 3
          axes:
            optimizer.learning_rate: {logspace: [0.001, 10, 7]}
            model[0].units: {linspace: [2, 14, 7]}
            prediction.threshold: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]
        """,
        // Random: every distribution, a choice of mappings, a uniform draw rounded for an integer key.
        """
        sweep:
          mode: random
          samples: 9
          sampler_seed: 3
          repeats: 2
          axes:
            optimizer: {choice: [{name: gradient_descent, learning_rate: 0.5}, {name: adam}]}
            model[0].units: {uniform: [2, 9]}
            training.log_every: {int: [1, 10]}
            prediction.threshold: {log_uniform: [0.01, 0.99]}
        """,
    };

    [Theory]
    [MemberData(nameof(Blocks))]
    public void Lean_and_held_sweeps_have_the_same_trials_in_every_mode(string block)
    {
        string yaml = SweepTestFiles.With(block);
        SweepLoadResult Load(int held) => new SweepLoader(TestLoader.BuiltIns) { HeldExperiments = held }.LoadText(yaml, TestLoader.File, "");
        var held = Load(SweepLoader.DefaultHeldExperiments).Sweep;
        var lean = Load(0).Sweep;

        Assert.True(held.Trials.Count >= 18);
        Assert.All(held.Trials, t => Assert.True(t.HoldsExperiment));
        Assert.All(lean.Trials, t => Assert.False(t.HoldsExperiment));
        Assert.Equal(held.DefinitionHash, lean.DefinitionHash);
        Assert.Equal(held.ParameterNames, lean.ParameterNames);
        Assert.Equal(held.Trials.Count, lean.Trials.Count);
        for (int i = 0; i < held.Trials.Count; i++)
        {
            SweepTrial a = held.Trials[i], b = lean.Trials[i];
            Assert.Equal((i, a.Id, a.Label, a.TogetherKey), (b.Index, b.Id, b.Label, b.TogetherKey));
            Assert.Equal(a.Parameters, b.Parameters);
            Assert.Equal(a.Experiment.ResolvedYaml, b.Experiment.ResolvedYaml);
            Assert.Equal(SweepHash.Data(a.Data), SweepHash.Data(b.Data));
        }
        // Enumerated, as by index.
        Assert.Equal(held.Trials.Select(t => (t.Id, t.Label)), lean.Trials.Select(t => (t.Id, t.Label)));
    }

    [Fact]
    public void A_drawn_value_a_lean_trial_rejects_is_reported_at_its_axis_as_for_a_held_one()
    {
        string yaml = SweepTestFiles.With("""
            sweep:
              mode: random
              samples: 40
              axes:
                model[0].units: {uniform: [-3, 9]}
            """);
        string[] Errors(int held) =>
            new SweepLoader(TestLoader.BuiltIns) { HeldExperiments = held }.LoadText(yaml, TestLoader.File, "").Errors.Select(e => e.ToString()).ToArray();

        string[] lean = Errors(0);
        Assert.Equal(Errors(SweepLoader.DefaultHeldExperiments), lean);
        Assert.Contains("exp.yaml:15:21: model[0].units: must be at least 1, got -3", lean);
    }
}
