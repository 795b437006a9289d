using System.Globalization;
using System.Text;
using System.Text.Json;

namespace NnLab.Reports.Tests;

/// <summary>One trial of a synthetic sweep folder: its parameters, status, costs and recorded curve.</summary>
internal sealed record SyntheticTrial(IReadOnlyDictionary<string, string> Parameters, string Status, double FinalCost, double InitialCost,
    double[] Epochs, double[] Costs, string? Reason = null);

/// <summary>Writes a sweep folder as NnLab lays it out (trials.json, summary.csv, costs.csv) from synthetic trials.</summary>
internal static class SweepFolderFiles
{
    public static void Write(string folder, string mode, IReadOnlyList<string> parameterNames, IReadOnlyList<SyntheticTrial> trials)
    {
        Directory.CreateDirectory(folder);
        WriteManifest(Path.Combine(folder, "trials.json"), mode, parameterNames, trials);
        var summary = new StringBuilder("trial,label,status,epochs_completed,final_cost,best_cost,best_epoch,initial_cost\n");
        var costs = new StringBuilder("trial," + string.Join(",", parameterNames) + ",epoch,cost\n");
        for (int i = 0; i < trials.Count; i++)
        {
            var t = trials[i];
            summary.Append(CultureInfo.InvariantCulture, $"{i},{Label(i)},{t.Status},{t.Epochs[^1]},{N(t.FinalCost)},{N(t.Costs.Min())},{t.Epochs[^1]},{N(t.InitialCost)}\n");
            string values = string.Join(",", parameterNames.Select(n => t.Parameters.GetValueOrDefault(n, "")));
            for (int k = 0; k < t.Epochs.Length; k++) costs.Append(CultureInfo.InvariantCulture, $"{i},{values},{t.Epochs[k]},{N(t.Costs[k])}\n");
        }
        File.WriteAllText(Path.Combine(folder, "summary.csv"), summary.ToString());
        File.WriteAllText(Path.Combine(folder, "costs.csv"), costs.ToString());
    }

    public static string Label(int index) => $"{index:0000}-trial";

    private static void WriteManifest(string path, string mode, IReadOnlyList<string> parameterNames, IReadOnlyList<SyntheticTrial> trials)
    {
        using var stream = File.Create(path);
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("name", "synthetic");
        json.WriteString("mode", mode);
        json.WriteNumber("repeats", 1);
        json.WriteStartArray("parameter_names");
        foreach (var name in parameterNames) json.WriteStringValue(name);
        json.WriteEndArray();
        json.WriteString("status", "completed");
        json.WriteStartArray("trials");
        for (int i = 0; i < trials.Count; i++)
        {
            var t = trials[i];
            json.WriteStartObject();
            json.WriteNumber("index", i);
            json.WriteString("label", Label(i));
            json.WriteStartObject("parameters");
            foreach (var (name, value) in t.Parameters) json.WriteString(name, value);
            json.WriteEndObject();
            json.WriteString("status", t.Status);
            json.WriteString("reason", t.Reason);
            json.WriteString("run_folder", "trials/" + Label(i));
            json.WriteNumber("final_cost", t.FinalCost);
            json.WriteNumber("accuracy", 1);
            json.WriteNumber("epochs_completed", t.Epochs[^1]);
            json.WriteNumber("wall_time_seconds", 0.001 * (i + 1));
            json.WriteString("started_utc", "2026-12-06T20:47:47.621727Z");
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
