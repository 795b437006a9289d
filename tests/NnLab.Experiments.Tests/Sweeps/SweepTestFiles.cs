using NnLab.Experiments.Sweeps;

namespace NnLab.Experiments.Tests.Sweeps;

/// <summary>Sweep files built on the XOR experiment, loaded as "exp.yaml" with the built-ins.</summary>
internal static class SweepTestFiles
{
    public const string Xor = """
        name: xor
        seed: 48
        data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
        model:
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1, init: xavier}
          - sigmoid
        optimizer: {name: gradient_descent, learning_rate: 1}
        training: {epochs: 10}

        """;

    /// <summary>The XOR experiment followed by <paramref name="sweepBlock"/> (which starts with "sweep:"); the block begins on line 11.</summary>
    public static string With(string sweepBlock) => Xor + sweepBlock;

    public static SweepLoadResult Load(string yaml, params string[] overrides) =>
        new SweepLoader(TestLoader.BuiltIns).LoadText(yaml, TestLoader.File, "", overrides);

    public static Sweep Ok(string yaml, params string[] overrides)
    {
        var result = Load(yaml, overrides);
        Assert.True(result.Succeeded, "expected success, got:\n" + string.Join("\n", result.Errors));
        return result.Sweep;
    }

    public static string[] Errors(string yaml, params string[] overrides)
    {
        var result = Load(yaml, overrides);
        Assert.False(result.Succeeded, "expected errors");
        Assert.False(result.TryGetSweep(out _));
        Assert.Equal(result.Errors, Assert.Throws<ExperimentConfigException>(() => result.Sweep).Errors);
        return result.Errors.Select(e => e.ToString()).ToArray();
    }

    /// <summary>Each trial's value of parameter <paramref name="name"/>.</summary>
    public static string[] Values(Sweep sweep, string name) =>
        sweep.Trials.Select(t => t.Parameters.Single(p => p.Name == name).Value).ToArray();
}
