using System.Globalization;
using System.Net;
using System.Text;

namespace NnLab.Diagnostics.Tracing;

/// <summary>
/// Writes a <see cref="Trace"/> as the tutorial works an iteration by hand: the forward pass node by node, the cost,
/// the backward pass as upstream gradient × local gradient at each node, then each parameter's update beside its
/// finite difference. Matrices hold examples as columns; large ones are elided (first rows and columns, then shape,
/// min, max and mean).
/// </summary>
public static class TraceWriter
{
    /// <summary>Example columns shown when none are picked.</summary>
    public const int DefaultExampleColumns = 6;

    /// <summary>Rows (and parameter columns) shown of a larger matrix.</summary>
    public const int ShownRows = 6;

    private const int FullRows = 8;

    public static string Write(Trace trace, TraceFormat format, TraceView view)
    {
        var blocks = Blocks(trace, view);
        return format switch
        {
            TraceFormat.Markdown => Markdown(blocks, view),
            TraceFormat.Html => Html(blocks, view, trace),
            _ => Text(blocks, view),
        };
    }

    /// <summary>A value as the trace prints it: <paramref name="digits"/> decimals, trailing zeros dropped.</summary>
    public static string Number(double value, int digits)
    {
        if (double.IsNaN(value)) return "nan";
        if (double.IsInfinity(value)) return value > 0 ? "inf" : "-inf";
        if (value == 0) return "0";
        if (Math.Abs(value) < 0.5 * Math.Pow(10, -digits))
            return value.ToString("0." + new string('#', digits - 1) + "e+00", CultureInfo.InvariantCulture);
        var text = value.ToString("F" + digits, CultureInfo.InvariantCulture);
        if (text.Contains('.')) text = text.TrimEnd('0').TrimEnd('.');
        return text == "-0" ? "0" : text;
    }

    // ---- the trace as blocks ------------------------------------------------------------------------------------

    private abstract record Block;
    private sealed record Heading(int Level, string Text) : Block;
    private sealed record Line(string Text) : Block;
    private sealed record MatrixBlock(string Label, Matrix<double> Values, bool Examples) : Block;
    private sealed record Table(string[] Headers, List<string[]> Rows, string? Note) : Block;

    private static List<Block> Blocks(Trace trace, TraceView view)
    {
        var blocks = new List<Block>();
        foreach (var update in trace.Updates) AddUpdate(blocks, trace, update, view);
        return blocks;
    }

    private static void AddUpdate(List<Block> b, Trace trace, UpdateTrace u, TraceView view)
    {
        string batch = trace.BatchesPerEpoch == 1
            ? $"full batch of {u.BatchSize} examples"
            : $"batch {u.Batch + 1} of {trace.BatchesPerEpoch} ({u.BatchSize} examples)";
        b.Add(new Heading(1, $"{trace.Name}: update {u.Update} of {trace.TotalUpdates} (epoch {u.Epoch}, {batch})"));
        b.Add(new Line($"{trace.Precision}, reference kernels; {view.Digits} decimals; examples are columns"));

        b.Add(new Heading(2, "Forward pass"));
        b.Add(new Heading(3, "input"));
        b.Add(new MatrixBlock(u.InputName, u.Input, true));
        foreach (var node in u.Nodes)
        {
            b.Add(new Heading(3, $"node {node.Index}: {node.Layer}"));
            b.Add(new Line(node.ForwardFormula ?? $"{node.OutputName} = {node.Layer}({node.InputName}) (no formula stated)"));
            foreach (var p in node.Parameters) b.Add(new MatrixBlock(p.Label, p.Before, false));
            b.Add(new MatrixBlock(node.OutputName, node.Output, true));
        }
        var cost = u.Cost;
        b.Add(new Heading(3, $"cost: {cost.Name}"));
        b.Add(new Line($"{cost.Formula ?? "(no formula stated)"}; m = {u.BatchSize}"));
        if (cost.Probabilities is { } probabilities) b.Add(new MatrixBlock("Ŷ", probabilities, true));
        b.Add(new MatrixBlock("Y", cost.Targets, true));
        b.Add(new Line($"Cost = {Number(cost.Value, view.Digits)}"));

        b.Add(new Heading(2, "Backward pass: upstream gradient × local gradient"));
        string dy = $"∂Cost/∂{cost.PredictionName}";
        b.Add(new Heading(3, $"cost: {cost.Name}"));
        b.Add(new Line("upstream ∂Cost/∂Cost = 1"));
        b.Add(new Line($"local {cost.GradientFormula ?? dy + " (no formula stated)"}"));
        b.Add(new MatrixBlock(dy, cost.Gradient, true));
        foreach (var node in u.Nodes.Reverse()) AddBackward(b, node, node.Index == 0 ? u.Input : u.Nodes[node.Index - 1].Output);

        var o = u.Optimizer;
        string scalars = string.Join(", ", o.Scalars.Select(s => $"{s.Name} = {Number(s.Value, Math.Max(view.Digits, 6))}"));
        b.Add(new Heading(2, $"Update: {o.Name}"));
        if (o.Formula is not null) b.Add(new Line(o.Formula.Replace("{P}", "θ") + ", θ in " + string.Join(", ", u.Parameters.Select(p => p.Label))));
        if (scalars.Length > 0) b.Add(new Line(scalars));
        AddParameterTable(b, u, view);
    }

    private static void AddBackward(List<Block> b, NodeTrace node, Matrix<double> nodeInput)
    {
        string input = node.InputName, output = node.OutputName;
        string dOut = $"∂Cost/∂{output}", dIn = $"∂Cost/∂{input}";
        b.Add(new Heading(3, $"node {node.Index}: {node.Layer}"));
        b.Add(new MatrixBlock("upstream " + dOut, node.UpstreamGradient, true));
        switch (node.Kind)
        {
            case LocalGradientKind.Elementwise:
                b.Add(new Line("local " + (node.LocalGradientFormula ?? $"∂{output}/∂{input} (no formula stated: the layer's backward pass at upstream 1)")));
                b.Add(new MatrixBlock($"∂{output}/∂{input}", node.LocalGradient!, true));
                b.Add(new Line($"product {dIn} = {dOut} ⊙ ∂{output}/∂{input}"));
                break;
            case LocalGradientKind.Jacobian:
                b.Add(new Line("local " + (node.LocalGradientFormula ?? $"∂{output}/∂{input} (no formula stated)") + ": a Jacobian per example, not elementwise"));
                b.Add(new Line($"product {dIn} = (∂{output}/∂{input})ᵀ · {dOut}, per example"));
                break;
            default:
                b.Add(new Line("local " + (node.LocalGradientFormula ?? "(no formula stated: the layer's backward pass gives the products)")));
                var weights = node.Parameters.FirstOrDefault(p => p.Name == "W");
                if (node.IsLinear && weights is not null)
                {
                    b.Add(new MatrixBlock($"{input}ᵀ", Transpose(nodeInput), false));
                    b.Add(new MatrixBlock($"{weights.Label}ᵀ", Transpose(weights.Before), false));
                }
                foreach (var p in node.Parameters)
                {
                    string formula = !node.IsLinear ? "" : p.Name == "W" ? $" = {dOut} · {input}ᵀ" : p.Name == "b" ? $" = Σ over examples {dOut}" : "";
                    b.Add(new Line($"product ∂Cost/∂{p.Label}{formula}"));
                    b.Add(new MatrixBlock($"∂Cost/∂{p.Label}", p.Gradient, false));
                }
                if (node.InputGradient is not null && node.IsLinear && weights is not null)
                    b.Add(new Line($"product {dIn} = {weights.Label}ᵀ · {dOut}"));
                else if (node.InputGradient is not null)
                    b.Add(new Line($"product {dIn}, passed down"));
                break;
        }
        if (node.InputGradient is { } passed) b.Add(new MatrixBlock(dIn, passed, true));
        else b.Add(new Line($"{dIn} is not computed: the data are not trained"));
    }

    private static Matrix<double> Transpose(Matrix<double> m)
    {
        var t = new Matrix<double>(m.Cols, m.Rows);
        for (int r = 0; r < m.Rows; r++)
            for (int c = 0; c < m.Cols; c++) t[c, r] = m[r, c];
        return t;
    }

    private static void AddParameterTable(List<Block> b, UpdateTrace u, TraceView view)
    {
        int d = view.Digits;
        var stateNames = u.Parameters.SelectMany(p => p.State.Select(s => s.Name)).Distinct().ToArray();
        var headers = new[] { "θ", "before", "∂Cost/∂θ", "finite diff" }.Concat(stateNames).Append("after").ToArray();
        var rows = new List<string[]>();
        var notes = new List<string>();
        foreach (var p in u.Parameters)
        {
            for (int k = 0; k < p.Checked; k++)
            {
                int r = k / p.Before.Cols, c = k % p.Before.Cols;
                string element = p.Before.Cols == 1 ? $"{p.Label}({r + 1})" : $"{p.Label}({r + 1},{c + 1})";
                var row = new List<string> { element, Number(p.Before.Data[k], d), Number(p.Gradient.Data[k], d), Number(p.FiniteDifferences[k], d) };
                foreach (var name in stateNames)
                    row.Add(p.State.FirstOrDefault(s => s.Name == name) is { Values: { } values } ? Number(values.Data[k], d) : "");
                row.Add(Number(p.After.Data[k], d));
                rows.Add(row.ToArray());
            }
            if (p.Checked < p.Before.Length)
                notes.Add($"{p.Label} {p.Before.Shape}: first {p.Checked} of {p.Before.Length} shown; ∂Cost/∂{p.Label} {Summary(p.Gradient, d)}");
        }
        double largest = u.Parameters.Select(p => p.LargestDifference).DefaultIfEmpty(0).Max();
        notes.Add($"largest |∂Cost/∂θ − finite diff| = {largest.ToString("0.0e+00", CultureInfo.InvariantCulture)} (central, h = 1e-6, float64)");
        b.Add(new Table(headers, rows, string.Join("\n", notes)));
    }

    private static string Summary(Matrix<double> m, int digits) =>
        $"min {Number(m.Data.Min(), digits)}, max {Number(m.Data.Max(), digits)}, mean {Number(m.Data.Average(), digits)}";

    // ---- matrix layout ------------------------------------------------------------------------------------------

    /// <summary>The rows (as cell texts) shown of the block's matrix, with "…" where columns or rows are left out.</summary>
    private static (List<string[]> Rows, string? Note) Cells(MatrixBlock block, TraceView view)
    {
        var m = block.Values;
        int[] columns;
        bool elidedColumns = false;
        if (block.Examples && view.Examples is { } picked) columns = picked.Where(c => c < m.Cols).ToArray();
        else
        {
            int limit = block.Examples ? DefaultExampleColumns : FullRows;
            columns = Enumerable.Range(0, m.Cols <= limit ? m.Cols : (block.Examples ? DefaultExampleColumns : ShownRows)).ToArray();
            elidedColumns = columns.Length < m.Cols;
        }
        int rows = m.Rows <= FullRows ? m.Rows : ShownRows;
        var cells = new List<string[]>();
        for (int r = 0; r < rows; r++)
        {
            var row = columns.Select(c => Number(m[r, c], view.Digits)).ToList();
            if (elidedColumns) row.Add("…");
            cells.Add(row.ToArray());
        }
        var notes = new List<string>();
        if (block.Examples && view.Examples is not null && m.Cols > 0) notes.Add("examples " + string.Join(", ", columns.Select(c => c + 1)) + $" of {m.Cols}");
        else if (elidedColumns) notes.Add($"{(block.Examples ? "examples" : "columns")} 1–{columns.Length} of {m.Cols}");
        if (rows < m.Rows) notes.Add($"rows 1–{rows} of {m.Rows}");
        if (notes.Count > 0) notes.Add(Summary(m, view.Digits));
        return (cells, notes.Count > 0 ? string.Join("; ", notes) : null);
    }

    private static List<string> MatrixLines(List<string[]> cells)
    {
        if (cells.Count == 0 || cells[0].Length == 0) return ["[ ]"];
        int cols = cells[0].Length;
        var widths = Enumerable.Range(0, cols).Select(c => cells.Max(r => r[c].Length)).ToArray();
        return cells.Select(r => "[ " + string.Join("  ", r.Select((v, c) => v.PadLeft(widths[c]))) + " ]").ToList();
    }

    // ---- text ---------------------------------------------------------------------------------------------------

    private static string Text(List<Block> blocks, TraceView view)
    {
        var s = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading { Level: 1 } h:
                    if (s.Length > 0) s.Append('\n');
                    AppendWrapped(s, "", h.Text);
                    s.Append(new string('=', Math.Min(h.Text.Length, 79))).Append('\n');
                    break;
                case Heading { Level: 2 } h:
                    s.Append('\n').Append(h.Text).Append('\n').Append(new string('-', Math.Min(h.Text.Length, 79))).Append('\n');
                    break;
                case Heading h:
                    s.Append(h.Text).Append('\n');
                    break;
                case Line l:
                    AppendWrapped(s, "  ", l.Text);
                    break;
                case MatrixBlock m:
                {
                    var (cells, note) = Cells(m, view);
                    var lines = MatrixLines(cells);
                    string head = $"  {m.Label} {m.Values.Shape} =";
                    if (lines.Count == 1 && head.Length + 1 + lines[0].Length <= 80) s.Append(head).Append(' ').Append(lines[0]).Append('\n');
                    else
                    {
                        s.Append(head).Append('\n');
                        foreach (var line in lines) s.Append("    ").Append(line).Append('\n');
                    }
                    if (note is not null) s.Append("    (").Append(note).Append(")\n");
                    break;
                }
                case Table t:
                {
                    var all = t.Rows.Prepend(t.Headers).ToList();
                    var widths = Enumerable.Range(0, t.Headers.Length).Select(c => all.Max(r => r[c].Length)).ToArray();
                    foreach (var row in all)
                        s.Append("  ").Append(string.Join("  ", row.Select((v, c) => c == 0 ? v.PadRight(widths[c]) : v.PadLeft(widths[c]))).TrimEnd()).Append('\n');
                    if (t.Note is not null) foreach (var line in t.Note.Split('\n')) AppendWrapped(s, "  ", line);
                    break;
                }
            }
        }
        return s.ToString();
    }

    /// <summary>
    /// Appends <paramref name="text"/> after <paramref name="indent"/>, broken after "; " or ", " (else a space) so no
    /// line passes 80 columns; continuation lines are indented two more.
    /// </summary>
    private static void AppendWrapped(StringBuilder s, string indent, string text)
    {
        const int width = 80;
        string continuation = indent + "  ";
        while (indent.Length + text.Length > width)
        {
            int room = width - indent.Length;
            int cut = LastBreak(text, room, "; ");
            if (cut < 0) cut = LastBreak(text, room, ", ");
            if (cut < 0) cut = LastBreak(text, room, " ");
            if (cut <= 0) break; // one word longer than the line: leave it whole
            s.Append(indent).Append(text[..cut].TrimEnd()).Append('\n');
            text = text[cut..].TrimStart();
            indent = continuation;
        }
        s.Append(indent).Append(text).Append('\n');
    }

    // The position just after the last separator that leaves the line within room characters, or -1.
    private static int LastBreak(string text, int room, string separator)
    {
        int at = text.LastIndexOf(separator, Math.Min(room, text.Length - 1), StringComparison.Ordinal);
        return at <= 0 ? -1 : at + separator.Length;
    }

    // ---- markdown -----------------------------------------------------------------------------------------------

    private static string Markdown(List<Block> blocks, TraceView view)
    {
        var s = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case Heading h:
                    s.Append('\n').Append(new string('#', h.Level)).Append(' ').Append(h.Text).Append("\n\n");
                    break;
                case Line l:
                    s.Append(l.Text).Append("  \n");
                    break;
                case MatrixBlock m:
                {
                    var (cells, note) = Cells(m, view);
                    s.Append("\n```\n").Append($"{m.Label} {m.Values.Shape} =\n");
                    foreach (var line in MatrixLines(cells)) s.Append("  ").Append(line).Append('\n');
                    if (note is not null) s.Append("  (").Append(note).Append(")\n");
                    s.Append("```\n\n");
                    break;
                }
                case Table t:
                    s.Append('\n').Append("| ").Append(string.Join(" | ", t.Headers)).Append(" |\n");
                    s.Append('|').Append(string.Concat(t.Headers.Select((_, c) => c == 0 ? "---|" : "---:|"))).Append('\n');
                    foreach (var row in t.Rows) s.Append("| ").Append(string.Join(" | ", row)).Append(" |\n");
                    if (t.Note is not null) s.Append('\n').Append(t.Note.Replace("\n", "  \n")).Append('\n');
                    break;
            }
        }
        return s.ToString().TrimStart('\n');
    }

    // ---- html ---------------------------------------------------------------------------------------------------

    private const string Style =
        "body{font-family:system-ui,sans-serif;max-width:60em;margin:2em auto;padding:0 1em;line-height:1.45}" +
        "section{border-left:3px solid #ccd;padding:.2em 1em;margin:1em 0}h3{margin:.3em 0}" +
        "table.m{border-left:2px solid #333;border-right:2px solid #333;border-collapse:collapse;margin:.2em 0 .6em}" +
        "table.m td{padding:0 .6em;text-align:right;font-family:ui-monospace,monospace}" +
        "table.p{border-collapse:collapse}table.p td,table.p th{border-bottom:1px solid #ddd;padding:.1em .7em;text-align:right;font-family:ui-monospace,monospace}" +
        ".n{color:#555;font-size:.9em}";

    private static string Html(List<Block> blocks, TraceView view, Trace trace)
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var s = new StringBuilder();
        s.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>nnlab trace: ").Append(E(trace.Name))
            .Append("</title>\n<style>").Append(Style).Append("</style></head>\n<body>\n");
        bool open = false;
        foreach (var block in blocks)
        {
            if (block is Heading && open)
            {
                s.Append("</section>\n");
                open = false;
            }
            switch (block)
            {
                case Heading { Level: 3 } h:
                    s.Append("<section><h3>").Append(E(h.Text)).Append("</h3>\n");
                    open = true;
                    break;
                case Heading h:
                    s.Append($"<h{h.Level}>").Append(E(h.Text)).Append($"</h{h.Level}>\n");
                    break;
                case Line l:
                    s.Append("<p>").Append(E(l.Text)).Append("</p>\n");
                    break;
                case MatrixBlock m:
                {
                    var (cells, note) = Cells(m, view);
                    s.Append("<div>").Append(E($"{m.Label} {m.Values.Shape} =")).Append("<table class=\"m\">");
                    foreach (var row in cells) s.Append("<tr>").Append(string.Concat(row.Select(v => $"<td>{E(v)}</td>"))).Append("</tr>");
                    s.Append("</table>");
                    if (note is not null) s.Append("<div class=\"n\">").Append(E(note)).Append("</div>");
                    s.Append("</div>\n");
                    break;
                }
                case Table t:
                    s.Append("<table class=\"p\"><tr>").Append(string.Concat(t.Headers.Select(h => $"<th>{E(h)}</th>"))).Append("</tr>\n");
                    foreach (var row in t.Rows) s.Append("<tr>").Append(string.Concat(row.Select(v => $"<td>{E(v)}</td>"))).Append("</tr>\n");
                    s.Append("</table>\n");
                    if (t.Note is not null) s.Append("<p class=\"n\">").Append(E(t.Note).Replace("\n", "<br>")).Append("</p>\n");
                    break;
            }
        }
        if (open) s.Append("</section>\n");
        return s.Append("</body></html>\n").ToString();
    }
}
