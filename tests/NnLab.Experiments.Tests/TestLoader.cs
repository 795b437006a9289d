using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Experiments.Tests;

/// <summary>Loads YAML text as "exp.yaml" with the built-ins (or a given registry) and unwraps the result.</summary>
internal static class TestLoader
{
    public const string File = "exp.yaml";

    public static readonly ComponentRegistry BuiltIns = ComponentRegistry.CreateWithBuiltIns();

    public static LoadResult Load(string yaml, params string[] overrides) => Load(yaml, BuiltIns, "", overrides);

    public static LoadResult Load(string yaml, ComponentRegistry registry, string baseDirectory, params string[] overrides) =>
        new ExperimentLoader(registry).LoadText(yaml, File, baseDirectory, overrides);

    public static Experiment Ok(string yaml, params string[] overrides) => Unwrap(Load(yaml, overrides));

    public static Experiment Unwrap(LoadResult result)
    {
        Assert.True(result.Succeeded, "expected success, got:\n" + string.Join("\n", result.Errors));
        Assert.Empty(result.Errors);
        return result.Experiment;
    }

    /// <summary>The errors as "file:line:col: path: message" strings.</summary>
    public static string[] Errors(string yaml, params string[] overrides) => Errors(Load(yaml, overrides));

    public static string[] Errors(LoadResult result)
    {
        Assert.False(result.Succeeded);
        // A failed load is never a null experiment: reading it throws with the same errors.
        Assert.False(result.TryGetExperiment(out var none));
        Assert.Null(none);
        Assert.Equal(result.Errors, Assert.Throws<ExperimentConfigException>(() => result.Experiment).Errors);
        return result.Errors.Select(e => e.ToString()).ToArray();
    }

    /// <summary>The single error of a file that should have exactly one.</summary>
    public static string Error(string yaml, params string[] overrides) => Assert.Single(Errors(yaml, overrides));

    /// <summary>The float64 network the loader built for <paramref name="experiment"/>, with the initial weights training starts from.</summary>
    public static Network<double> BuiltNetwork(Experiment experiment) => Assert.IsType<BuiltModel<double>>(experiment.TakeModel()).Network;

    /// <summary>Layer <paramref name="layer"/>'s parameter <paramref name="name"/> in <paramref name="network"/>, or null when it has none.</summary>
    public static Matrix<double>? Initial(Network<double> network, int layer, string name) =>
        network.Layers[layer].Parameters.FirstOrDefault(p => p.Name == name)?.Value;
}
