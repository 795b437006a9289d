using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Experiments;
using NnLab.Registry;

namespace NnLab.Runner.Tests.Models;

/// <summary>Trains shipped experiment files into temporary run folders, for the model bundle's tests.</summary>
internal static class ModelTestRuns
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ExperimentFile(string name) => Path.Combine(RepositoryRoot, "experiments", name);

    public static Experiment Load(string file, ComponentRegistry? registry = null, params string[] overrides)
    {
        var result = new ExperimentLoader(registry ?? ComponentRegistry.CreateWithBuiltIns()).LoadFile(ExperimentFile(file), overrides);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Experiment;
    }

    public static async Task<string> Train(Experiment experiment, string folder)
    {
        var outcome = await new ExperimentRunner(NullLogger<ExperimentRunner>.Instance, TimeProvider.System)
            .RunAsync(experiment, new RunOptions { OutputDirectory = folder });
        Assert.Equal(RunStatus.Completed, outcome.Summary.Status);
        return folder;
    }

    /// <summary>Every row of the experiment's data, raw, as nnlab data writes data.csv (split column included).</summary>
    public static RawTable RawRows(Experiment experiment)
    {
        var table = experiment.Data.Table!;
        return RawTable.FromText([.. table.Columns, DataTable.SplitColumn],
            table.Rows.Select((row, i) => row.Append(table.Split[i]).ToArray()).ToList());
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "NnLab.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("NnLab.sln not found above " + AppContext.BaseDirectory);
    }
}
