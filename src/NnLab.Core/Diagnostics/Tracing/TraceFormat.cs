namespace NnLab.Diagnostics.Tracing;

/// <summary>How <see cref="TraceWriter"/> lays a trace out.</summary>
public enum TraceFormat
{
    /// <summary>Plain text for an 80-column terminal.</summary>
    Text,

    /// <summary>Markdown: headings, matrices in code blocks, parameter tables.</summary>
    Markdown,

    /// <summary>One self-contained HTML page, no network access: a section per node.</summary>
    Html,
}

/// <summary>
/// How values are shown. <paramref name="Digits"/>: decimals, as the tutorial rounds (3); a value that would round to
/// 0 is shown in scientific notation with that many significant digits. <paramref name="Examples"/>: which examples
/// (0-based columns of the batch) to show; null shows all of a small batch, the first few of a large one.
/// </summary>
public sealed record TraceView(int Digits = 3, IReadOnlyList<int>? Examples = null)
{
    public const int MinDigits = 1, MaxDigits = 17;
}
