using System.Text;

namespace NnLab.Experiments;

/// <summary>
/// The rows behind an experiment's data, raw (before features and normalisation), in the order they were read or
/// generated, each with the split it went to: what <c>nnlab data --out</c> writes as data.csv.
/// </summary>
/// <param name="Columns">The columns the experiment uses: every column a feature reads, then the target columns.</param>
/// <param name="Rows">Each row's cells as text: numbers in round-trip form, class labels as written.</param>
/// <param name="Split">Each row's split: train, validation or test.</param>
public sealed record DataTable(IReadOnlyList<string> Columns, IReadOnlyList<string[]> Rows, IReadOnlyList<string> Split)
{
    public const string SplitColumn = "split";

    /// <summary>data.csv: a header, then one line per row with its split last; '\n' line ends.</summary>
    public string ToCsv()
    {
        var text = new StringBuilder();
        AppendRow(text, Columns.Append(SplitColumn));
        for (int i = 0; i < Rows.Count; i++) AppendRow(text, Rows[i].Append(Split[i]));
        return text.ToString();
    }

    /// <summary>The SHA-256 (lower-case hex) of <see cref="ToCsv"/>'s UTF-8 bytes.</summary>
    public string Sha256() => Hashing.Sha256.HexOf(ToCsv());

    private static void AppendRow(StringBuilder text, IEnumerable<string> cells)
    {
        text.AppendJoin(',', cells.Select(Quote));
        text.Append('\n');
    }

    // RFC 4180: a cell with a comma, quote or line break is quoted, its quotes doubled.
    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n', '\r']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"")}\"";
}
