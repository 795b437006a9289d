using System.Text;
using System.Text.Json;
using NnLab.Reports.Data;
using static NnLab.Reports.Html.HtmlPage;

namespace NnLab.Reports.Runs;

/// <summary>
/// The run report's metrics: summary.json's train, validation and test sections — cost, accuracy, per-class scores and
/// the confusion matrix, or regression errors.
/// </summary>
/// <remarks>
/// Plain loops over the JSON rather than LINQ: LINQ over <see cref="JsonElement"/> or value tuples is generic code over
/// value types that ReadyToRun cannot precompile, and compiling it at run time cost ~5 ms of every <c>nnlab run</c>.
/// </remarks>
internal static class RunMetrics
{
    private static readonly string[] Splits = ["train", "validation", "test"];

    public static string Html(RunSummaryData? summary)
    {
        if (summary is null) return "";
        var html = new StringBuilder("<h2>Metrics</h2>");
        var rows = new List<IEnumerable<string>>();
        foreach (string split in Splits)
            if (summary.Section(split) is { } section) rows.Add(SplitRow(split, section));
        if (rows.Count == 0) return html.Append("<p class=\"muted\">summary.json has no per-split metrics (a run from an older NnLab, or one that did not finish).</p>").ToString();
        html.Append(Table(["split", "examples", "cost", "accuracy", "mean squared error", "mean absolute error", "R²"], rows));
        foreach (string split in Splits)
            if (summary.Section(split) is { } section) html.Append(Classes(split, section));
        return html.ToString();
    }

    private static string[] SplitRow(string split, JsonElement s) =>
    [
        split,
        "#" + Format.Number(RunSummaryData.Number(s, "examples"), 10),
        "#" + Format.Number(RunSummaryData.Number(s, "cost"), 6),
        "#" + Format.Percent(RunSummaryData.Number(s, "accuracy")),
        "#" + Format.Number(RunSummaryData.Number(s, "mean_squared_error"), 6),
        "#" + Format.Number(RunSummaryData.Number(s, "mean_absolute_error"), 6),
        "#" + Format.Number(RunSummaryData.Number(s, "r2"), 6),
    ];

    /// <summary>A classification split's confusion matrix and per-class scores; nothing for a regression's.</summary>
    private static string Classes(string split, JsonElement s)
    {
        if (!s.TryGetProperty("confusion_matrix", out var matrix) || matrix.ValueKind != JsonValueKind.Array) return "";
        bool hasClasses = s.TryGetProperty("classes", out var classes) && classes.ValueKind == JsonValueKind.Array;
        var labels = new List<string>();
        if (hasClasses) foreach (var c in classes.EnumerateArray()) labels.Add(Label(c));
        else for (int i = 0; i < matrix.GetArrayLength(); i++) labels.Add(i.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var html = new StringBuilder($"<h3>{Escape(split)}: confusion matrix <span class=\"muted\">(rows: true class, columns: predicted)</span></h3>");
        var headers = new List<string> { "" };
        foreach (string label in labels) headers.Add(Escape(label));
        var rows = new List<IEnumerable<string>>();
        int r = 0;
        foreach (var counts in matrix.EnumerateArray())
        {
            var row = new List<string> { $"<b>{Escape(r < labels.Count ? labels[r] : "?")}</b>" };
            foreach (var count in counts.EnumerateArray()) row.Add("#" + count.ToString());
            rows.Add(row);
            r++;
        }
        html.Append(Table(headers, rows));
        if (hasClasses) html.Append(ClassScores(classes));
        return html.ToString();
    }

    private static string ClassScores(JsonElement classes)
    {
        var rows = new List<IEnumerable<string>>();
        foreach (var c in classes.EnumerateArray())
            rows.Add([
                Escape(Label(c)),
                "#" + Format.Number(RunSummaryData.Number(c, "precision"), 4),
                "#" + Format.Number(RunSummaryData.Number(c, "recall"), 4),
                "#" + Format.Number(RunSummaryData.Number(c, "f1"), 4),
                "#" + Format.Number(RunSummaryData.Number(c, "support"), 10),
            ]);
        return Table(["class", "precision", "recall", "F1", "support"], rows);
    }

    private static string Label(JsonElement c) => c.TryGetProperty("label", out var l) ? l.ToString() : "?";
}
