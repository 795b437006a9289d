using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Experiments;
using NnLab.Metrics;
using NnLab.Runner;
using NnLab.Runner.IO;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab data FILE [--set path=value]... [--out DIR]</c>: what the data section produces — rows and classes per
/// split, the inputs and targets, the normalisation statistics — and with --out, data.csv (every row raw, in order,
/// with its split) and normalization.json. Trains nothing.
/// </summary>
internal sealed class DataCommand(IServiceProvider services)
{
    public const string DataFile = "data.csv";
    public const string NormalizationFile = "normalization.json";

    private readonly ExperimentInput _input = new();

    private readonly Option<string?> _out = new("--out")
    {
        Description = "Also write data.csv and normalization.json into this folder (created; must be new or empty).",
        HelpName = "DIR",
    };

    public Command Build()
    {
        var command = new Command("data", "Show the rows, splits, classes and normalisation an experiment's data section produces.");
        _input.AddTo(command);
        command.Options.Add(_out);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        var loaded = _input.Load(parse, Loaders.Experiment(services, registry));
        if (!loaded.TryGetExperiment(out var experiment)) return ConfigErrorReport.Print(loaded.Errors, Console.Error);
        if (parse.GetValue(_out) is { } outDir)
        {
            try
            {
                Write(RunFolder.CreateAt(outDir), experiment.Data);
            }
            catch (RunFolderException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return ExitCodes.Usage;
            }
        }
        Print(experiment.Data, Console.Out);
        return ExitCodes.Success;
    }

    private static void Write(RunFolder folder, ExperimentData data)
    {
        AtomicFile.WriteAllText(folder.PathOf(DataFile), data.Table!.ToCsv());
        AtomicFile.Write(folder.PathOf(NormalizationFile), stream =>
        {
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true })) WriteNormalization(writer, data.Normalization);
            stream.WriteByte((byte)'\n');
        });
        Console.Error.WriteLine($"wrote {Path.Combine(folder.DisplayPath, DataFile)} and {Path.Combine(folder.DisplayPath, NormalizationFile)}");
    }

    /// <summary>normalization.json: the method, and each input's offset and scale (x ↦ (x − offset) / scale), fitted on train.</summary>
    internal static void WriteNormalization(Utf8JsonWriter writer, Normalization? normalization)
    {
        writer.WriteStartObject();
        writer.WriteString("method", normalization?.Method.ToString().ToLowerInvariant() ?? "none");
        writer.WriteString("fitted_on", DataSplit.TrainName);
        writer.WriteStartArray("inputs");
        for (int i = 0; normalization is not null && i < normalization.Columns.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteString("name", normalization.Columns[i]);
            writer.WriteNumber("offset", normalization.Offset[i]);
            writer.WriteNumber("scale", normalization.Scale[i]);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void Print(ExperimentData data, TextWriter output)
    {
        output.WriteLine($"inputs      {string.Join(", ", data.InputNames)}");
        output.WriteLine($"targets     {string.Join(", ", data.TargetNames)}{(data.ClassLabels is { } l ? $" (classes: {string.Join(", ", l)})" : "")}");
        output.WriteLine($"sha256      {data.Sha256}");
        output.WriteLine();
        output.WriteLine($"{"split",-12}{"rows",6}  classes");
        foreach (var (name, split) in data.Splits())
            output.WriteLine($"{name,-12}{split.Count,6}  {ClassCounts(split, data.ClassLabels)}");
        if (data.Normalization is not { } n) return;
        output.WriteLine();
        string offset = n.Method == NormalizeMethod.Zscore ? "mean" : "min";
        string scale = n.Method == NormalizeMethod.Zscore ? "std" : "max - min";
        output.WriteLine($"normalize   {n.Method.ToString().ToLowerInvariant()}, fitted on the train split: x -> (x - {offset}) / ({scale})");
        output.WriteLine($"{"input",-12}{offset,24}{scale,24}");
        for (int i = 0; i < n.Columns.Count; i++)
            output.WriteLine($"{n.Columns[i],-12}{Number(n.Offset[i]),24}{Number(n.Scale[i]),24}");
    }

    // Targets that are classes (labels, indices, one-hot rows) are counted per class; others (regression) are not.
    private static string ClassCounts(DataSplit split, IReadOnlyList<string>? labels)
    {
        if (Classification.TargetClasses(split.Targets, int.MaxValue) is not { } classes) return "-";
        return string.Join(", ", classes.GroupBy(c => c).OrderBy(g => g.Key)
            .Select(g => $"{(labels is not null ? labels[g.Key] : g.Key.ToString(CultureInfo.InvariantCulture))}: {g.Count()}"));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
