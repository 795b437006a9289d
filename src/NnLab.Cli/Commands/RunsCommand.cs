using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using NnLab.Reports;
using NnLab.Reports.Index;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab runs [PATH]...</c>: every run and sweep under the paths (default runs/ and sweeps/) in one table, sortable,
/// filterable, as a table, CSV or JSON; folders it cannot read are named on stderr. <c>nnlab runs compare A B …</c>
/// puts runs side by side and can write one report with their curves overlaid.
/// </summary>
internal sealed class RunsCommand
{
    private static readonly string[] SortKeys = ["started", "name", "status", "epochs", "final_cost", "validation_cost", "accuracy", "wall_time"];

    private readonly Argument<string[]> _paths = new("PATH") { Description = "Folders to search (default: runs and sweeps here).", Arity = ArgumentArity.ZeroOrMore };
    private readonly Option<string> _sort = new("--sort") { Description = $"Sort by {string.Join(", ", SortKeys)}; a leading '-' reverses (default: started).", DefaultValueFactory = _ => "started" };
    private readonly Option<string[]> _status = new("--status") { Description = "Only these statuses (completed, diverged, failed, cancelled, running, interrupted); repeatable or comma-separated.", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _name = new("--name") { Description = "Only names matching this glob (* and ?).", HelpName = "GLOB" };
    private readonly Option<string> _format = new("--format") { Description = "table, csv or json.", DefaultValueFactory = _ => "table" };
    private readonly Argument<string[]> _compared = new("RUNDIR") { Description = "Run folders to compare.", Arity = ArgumentArity.OneOrMore };
    private readonly Option<string?> _out = new("--out") { Description = "Also write an HTML report with the runs' curves overlaid.", HelpName = "FILE" };

    public Command Build()
    {
        _format.AcceptOnlyFromAmong("table", "csv", "json");
        var command = new Command("runs", "List every run and sweep under PATH (default runs/ and sweeps/) with status, costs and the configuration keys that differ.");
        command.Arguments.Add(_paths);
        foreach (var option in new Option[] { _sort, _status, _name, _format }) command.Options.Add(option);
        command.SetAction(List);
        var compare = new Command("compare", "Compare runs: their differing configuration keys and metrics side by side; --out writes a report with their curves overlaid.");
        compare.Arguments.Add(_compared);
        compare.Options.Add(_out);
        compare.SetAction(Compare);
        command.Subcommands.Add(compare);
        return command;
    }

    private int List(ParseResult parse)
    {
        var paths = parse.GetValue(_paths) is { Length: > 0 } given ? given : new[] { "runs", "sweeps" };
        foreach (var path in paths.Where(p => !Directory.Exists(p) && parse.GetValue(_paths) is { Length: > 0 }))
        {
            Console.Error.WriteLine($"error: '{path}' is not a folder.");
            return ExitCodes.Usage;
        }
        string sort = parse.GetValue(_sort)!;
        bool descending = sort.StartsWith('-');
        string key = sort.TrimStart('-');
        if (!SortKeys.Contains(key))
        {
            Console.Error.WriteLine($"error: --sort takes one of {string.Join(", ", SortKeys)} (with '-' to reverse), not '{sort}'.");
            return ExitCodes.Usage;
        }
        var (found, skipped) = RunIndex.Scan(paths);
        IEnumerable<RunEntry> entries = found;
        var statuses = (parse.GetValue(_status) ?? []).SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet();
        if (statuses.Count > 0) entries = entries.Where(e => statuses.Contains(e.Status));
        if (parse.GetValue(_name) is { } glob)
        {
            var regex = new Regex("^" + Regex.Escape(glob).Replace("\\*", ".*").Replace("\\?", ".") + "$");
            entries = entries.Where(e => regex.IsMatch(e.Name));
        }
        var list = Sort(entries, key, descending).ToList();
        var differing = RunIndex.DifferingKeys(list);
        switch (parse.GetValue(_format))
        {
            case "csv": WriteCsv(list, differing); break;
            case "json": WriteJson(list, differing); break;
            default: WriteTable(list, differing); break;
        }
        foreach (var s in skipped) Console.Error.WriteLine($"skipped {s.Folder}: {s.Reason}");
        if (found.Any(e => e.Status == "interrupted"))
            Console.Error.WriteLine("note: interrupted = summary.json says running but no process has the run's log open (checked in /proc).");
        return ExitCodes.Success;
    }

    private static IEnumerable<RunEntry> Sort(IEnumerable<RunEntry> entries, string key, bool descending)
    {
        Func<RunEntry, IComparable?> by = key switch
        {
            "name" => e => e.Name,
            "status" => e => e.Status,
            "epochs" => e => e.Epochs,
            "final_cost" => e => e.FinalCost,
            "validation_cost" => e => e.ValidationCost,
            "accuracy" => e => e.Accuracy,
            "wall_time" => e => e.WallTimeSeconds,
            _ => e => e.Started,
        };
        // Entries without the value go last either way.
        var with = entries.Where(e => by(e) is not null);
        var sorted = descending ? with.OrderByDescending(by) : with.OrderBy(by);
        return sorted.ThenBy(e => e.Folder, StringComparer.Ordinal).Concat(entries.Where(e => by(e) is null));
    }

    private static string[] Row(RunEntry e, IReadOnlyList<string> differing) =>
    [
        e.Kind == "sweep" ? $"{e.Name} (sweep, {e.Trials} trials)" : e.Name,
        Format(e.Started),
        e.Status,
        e.Epochs is { } n ? n.ToString("0", CultureInfo.InvariantCulture) : "",
        Number(e.FinalCost),
        Number(e.ValidationCost),
        e.Accuracy is { } a ? a.ToString("P1", CultureInfo.InvariantCulture) : "",
        e.WallTimeSeconds is { } w ? w.ToString("0.00", CultureInfo.InvariantCulture) : "",
        .. differing.Select(k => e.Config.GetValueOrDefault(k, "")),
        Relative(e.Folder),
    ];

    private static string[] Header(IReadOnlyList<string> differing) =>
        ["name", "started", "status", "epochs", "final_cost", "validation_cost", "accuracy", "wall_time_s", .. differing, "folder"];

    private static void WriteTable(List<RunEntry> list, IReadOnlyList<string> differing)
    {
        if (list.Count == 0)
        {
            Console.Out.WriteLine("no runs found");
            return;
        }
        var rows = list.Select(e => Row(e, differing).Select(c => c.Length > 40 ? c[..39] + "…" : c).ToArray()).Prepend(Header(differing)).ToList();
        var widths = Enumerable.Range(0, rows[0].Length).Select(i => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
            Console.Out.WriteLine(string.Join("  ", row.Select((c, i) => i is >= 3 and <= 7 ? c.PadLeft(widths[i]) : c.PadRight(widths[i]))).TrimEnd());
    }

    private static void WriteCsv(List<RunEntry> list, IReadOnlyList<string> differing)
    {
        Console.Out.WriteLine(string.Join(",", Header(differing).Select(Quote)));
        foreach (var e in list) Console.Out.WriteLine(string.Join(",", Row(e, differing).Select(Quote)));
    }

    private static void WriteJson(List<RunEntry> list, IReadOnlyList<string> differing)
    {
        using var writer = new Utf8JsonWriter(Console.OpenStandardOutput(), new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteStartArray("differing_keys");
        foreach (var k in differing) writer.WriteStringValue(k);
        writer.WriteEndArray();
        writer.WriteStartArray("runs");
        foreach (var e in list)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", e.Kind);
            writer.WriteString("name", e.Name);
            writer.WriteString("folder", e.Folder);
            writer.WriteString("started_utc", e.Started?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            writer.WriteString("status", e.Status);
            Write(writer, "epochs", e.Epochs);
            Write(writer, "final_cost", e.FinalCost);
            Write(writer, "validation_cost", e.ValidationCost);
            Write(writer, "accuracy", e.Accuracy);
            Write(writer, "wall_time_seconds", e.WallTimeSeconds);
            if (e.Trials is { } t) writer.WriteNumber("trials", t);
            writer.WriteStartObject("differing");
            foreach (var k in differing) writer.WriteString(k, e.Config.GetValueOrDefault(k));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        Console.Out.WriteLine();
    }

    private static void Write(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) writer.WriteNumber(name, v);
        else writer.WriteNull(name);
    }

    private int Compare(ParseResult parse)
    {
        var folders = parse.GetValue(_compared)!;
        var runs = new List<RunEntry>();
        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder) || RunIndex.Read(folder, out string? problem) is not { Kind: "run" } entry)
            {
                Console.Error.WriteLine($"error: '{folder}' is not a readable run folder.");
                return ExitCodes.Usage;
            }
            runs.Add(entry);
        }
        var differing = RunIndex.DifferingKeys(runs);
        var headers = runs.Select((r, i) => $"{i + 1}: {r.Name}").Prepend("").ToArray();
        var rows = new List<string[]> { headers };
        rows.AddRange(CompareReport.Metrics(runs).Select(m => m.Values.Prepend(m.Name).ToArray()));
        rows.Add(new string[headers.Length]);
        rows.AddRange(differing.Select(k => runs.Select(r => r.Config.GetValueOrDefault(k, "—")).Prepend(k).ToArray()));
        var widths = Enumerable.Range(0, headers.Length).Select(i => rows.Max(r => (r[i] ?? "").Length)).ToArray();
        Console.Out.WriteLine(differing.Count == 0 ? "no configuration key differs" : $"{differing.Count} configuration key(s) differ (below the metrics)");
        foreach (var row in rows) Console.Out.WriteLine(string.Join("  ", row.Select((c, i) => (c ?? "").PadRight(widths[i]))).TrimEnd());
        for (int i = 0; i < runs.Count; i++) Console.Out.WriteLine($"{i + 1}: {Relative(runs[i].Folder)}");
        if (parse.GetValue(_out) is { } output)
        {
            CompareReport.Write(runs, output);
            Console.Out.WriteLine($"report {output}");
        }
        return ExitCodes.Success;
    }

    private static string Format(DateTimeOffset? t) => t?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static string Number(double? v) => v is { } x ? x.ToString("G6", CultureInfo.InvariantCulture) : "";

    private static string Relative(string folder)
    {
        string relative = Path.GetRelativePath(Environment.CurrentDirectory, folder);
        return relative.StartsWith("..", StringComparison.Ordinal) ? Path.GetFullPath(folder) : relative;
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"', '\n']) < 0 ? cell : $"\"{cell.Replace("\"", "\"\"")}\"";
}
