namespace NnLab.Experiments;

/// <summary>
/// How large an input may be before it is refused as an error (exit 2) instead of being read: each bound keeps a
/// hostile or mistaken file from exhausting the stack, the memory or the time of the process. The defaults are far
/// above any real experiment; the CLI reads overrides from the <c>NnLab:Limits</c> configuration section
/// (appsettings.json, <c>NnLab__Limits__MaxNodes=…</c>, or <c>--NnLab:Limits:MaxNodes=…</c>).
/// </summary>
public sealed record InputLimits
{
    /// <summary>The defaults.</summary>
    public static InputLimits Default { get; } = new();

    /// <summary>Nested mappings and lists, counted through aliases (the parser recurses once per level).</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>YAML nodes in one document after alias expansion (an alias counts as a copy of what it names); inline data count here, one node a number.</summary>
    public long MaxNodes { get; init; } = 1_000_000;

    /// <summary>Bytes of one experiment file, or of one <c>--set</c> value.</summary>
    public long MaxDocumentBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Bytes of one CSV data file.</summary>
    public long MaxCsvBytes { get; init; } = 1024L * 1024 * 1024;

    /// <summary>Characters of one CSV line.</summary>
    public int MaxCsvLineLength { get; init; } = 1024 * 1024;

    /// <summary>Trainable numbers of a model (weights and biases), and values of any one matrix training makes.</summary>
    public long MaxParameters { get; init; } = 100_000_000;

    /// <summary>YAML nodes a sweep builds over all its trials (each trial is the file's tree with its overrides).</summary>
    public long MaxSweepNodes { get; init; } = 50_000_000;

    /// <summary>
    /// Numbers the distinct data sets of a sweep's trials hold at once (every split's inputs and targets; the text of the
    /// rows they were read from, shared by the trials that read one source, counts four a cell, once): a sweep holds
    /// every trial's data while it runs, and repeats that re-split or an axis on the data make new sets.
    /// </summary>
    public long MaxSweepDataValues { get; init; } = 20_000_000;

    /// <summary>The names the CLI's configuration section uses, with their values, for messages that say how to raise one.</summary>
    public const string Section = "NnLab:Limits";

    /// <summary>How to raise <paramref name="name"/>, for an error message.</summary>
    public static string HowToRaise(string name) => $"raise it with --{Section}:{name}=N";
}
