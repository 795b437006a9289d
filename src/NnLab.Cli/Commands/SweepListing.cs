using NnLab.Experiments.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>What <c>--dry-run</c> (and validate, for a sweep file) prints: every trial's number, label and overrides.</summary>
internal static class SweepListing
{
    public static void Print(Sweep sweep, TextWriter output)
    {
        var settings = sweep.Settings;
        string repeats = settings.Repeats == 1 ? "" : $", {settings.Repeats} repeats";
        output.WriteLine($"sweep {sweep.Name}: {sweep.Trials.Count} trial{(sweep.Trials.Count == 1 ? "" : "s")} " +
            $"({settings.Mode.ToString().ToLowerInvariant()}{repeats}), definition {sweep.DefinitionHash[..12]}");
        int labelWidth = Math.Max("label".Length, sweep.Trials.Max(t => t.Label.Length));
        output.WriteLine($"{"trial",5}  {"label".PadRight(labelWidth)}  overrides");
        foreach (var trial in sweep.Trials)
            output.WriteLine($"{trial.Index,5}  {trial.Label.PadRight(labelWidth)}  {string.Join(" ", trial.Parameters.Where(IsOverride))}");
    }

    // "repeat" is the repeat's number, not a key of the experiment: its seed is the override.
    private static bool IsOverride(SweepParameter parameter) => parameter.Name != "repeat";
}
