using System.Globalization;
using System.Text.Json;

namespace NnLab.Runner.Tests;

/// <summary>Reads a run folder's files back the way a user's script would.</summary>
internal sealed class RunFolderReader(string folder)
{
    public string Path(string file) => System.IO.Path.Combine(folder, file);

    public string Text(string file) => File.ReadAllText(Path(file));

    public JsonElement Json(string file) => JsonDocument.Parse(Text(file)).RootElement;

    public JsonElement Summary => Json(RunFiles.Summary);

    public string[] Lines(string file) => File.ReadAllLines(Path(file));

    /// <summary>cost.csv's rows, parsed with the invariant culture.</summary>
    public (int Epoch, double Cost)[] Costs() =>
        Lines(RunFiles.Costs).Skip(1).Select(line => line.Split(','))
            .Select(f => (int.Parse(f[0], CultureInfo.InvariantCulture), double.Parse(f[1], CultureInfo.InvariantCulture)))
            .ToArray();

    /// <summary>Every line of log.jsonl, each parsed as its own JSON document.</summary>
    public JsonElement[] LogEvents() => Lines(RunFiles.Log).Select(line => JsonDocument.Parse(line).RootElement).ToArray();
}
