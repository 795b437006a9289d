using NnLab.Experiments;
using NnLab.Registry;

namespace NnLab.Runner.Tests.Training;

/// <summary>Experiments loaded from YAML text with the built-ins, for the tests of sessions and together training.</summary>
internal static class YamlExperiments
{
    private static readonly ComponentRegistry BuiltIns = ComponentRegistry.CreateWithBuiltIns();

    /// <summary>The experiment <paramref name="yaml"/> (as "exp.yaml") with <paramref name="overrides"/>; it must load.</summary>
    public static Experiment Ok(string yaml, params string[] overrides)
    {
        var result = new ExperimentLoader(BuiltIns).LoadText(yaml, "exp.yaml", "", overrides);
        Assert.True(result.Succeeded, "expected success, got:\n" + string.Join("\n", result.Errors));
        return result.Experiment;
    }
}
