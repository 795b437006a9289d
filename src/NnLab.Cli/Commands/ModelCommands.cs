using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Experiments;
using NnLab.Metrics;
using NnLab.Runner.IO;
using NnLab.Runner.Models;

namespace NnLab.Cli.Commands;

/// <summary>
/// The commands that use a trained model — <c>nnlab predict MODEL --data FILE.csv [--out FILE]</c>,
/// <c>nnlab evaluate MODEL --data FILE.csv [--format table|json]</c> and <c>nnlab export MODEL --format onnx [--out FILE]</c>
/// — where MODEL is a run folder or its <c>model/</c> bundle. A model that cannot be loaded (a plugin not loaded
/// among them), data it cannot read (a missing column, a bad cell, located) or an unknown format exits 2, with
/// nothing written.
/// </summary>
internal sealed class ModelCommands(IServiceProvider services)
{
    private static Argument<string> ModelArgument() => new("model") { Description = "A run folder, or a model bundle folder (holding model.json)." };

    private static Option<string> DataOption() => new("--data")
    {
        Description = "A CSV file with a header: the columns the model reads (others are ignored).",
        HelpName = "FILE",
        Required = true,
    };

    public IEnumerable<Command> Build()
    {
        yield return BuildPredict();
        yield return BuildEvaluate();
        yield return BuildExport();
    }

    private Command BuildPredict()
    {
        var model = ModelArgument();
        var data = DataOption();
        var output = new Option<string?>("--out") { Description = "Write the predictions to this CSV file instead of stdout.", HelpName = "FILE" };
        var command = new Command("predict", "Apply a trained model to a CSV file's rows: outputs, probabilities and predicted labels.");
        command.Arguments.Add(model);
        command.Options.Add(data);
        command.Options.Add(output);
        command.SetAction(parse => Guarded(() =>
        {
            if (Load(parse, model) is not { } loaded) return ExitCodes.Usage;
            var table = RawTable.ReadCsv(parse.GetValue(data)!);
            var predictions = loaded.Predict(table);
            if (parse.GetValue(output) is { } file)
            {
                AtomicFile.WriteText(file, writer => ModelOutputs.WritePredictionsCsv(writer, table, predictions));
                Console.Error.WriteLine($"wrote {predictions.Count} prediction(s) to {file}");
            }
            else ModelOutputs.WritePredictionsCsv(Console.Out, table, predictions);
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command BuildEvaluate()
    {
        var model = ModelArgument();
        var data = DataOption();
        var format = new Option<string>("--format") { Description = "table or json.", DefaultValueFactory = _ => "table" };
        var command = new Command("evaluate",
            "Score a trained model on a CSV file holding its input and target columns: the metrics of summary.json's splits.");
        command.Arguments.Add(model);
        command.Options.Add(data);
        command.Options.Add(format);
        command.SetAction(parse => Guarded(() =>
        {
            string how = parse.GetValue(format)!;
            if (how is not ("table" or "json")) return Usage($"--format must be table or json, got '{how}'");
            if (Load(parse, model) is not { } loaded) return ExitCodes.Usage;
            string file = parse.GetValue(data)!;
            var metrics = loaded.Evaluate(RawTable.ReadCsv(file));
            if (how == "json")
            {
                using var stdout = Console.OpenStandardOutput();
                ModelOutputs.WriteMetricsJson(stdout, loaded.Directory, file, metrics);
            }
            else PrintTable(loaded, file, metrics, Console.Out);
            return ExitCodes.Success;
        }));
        return command;
    }

    private Command BuildExport()
    {
        var model = ModelArgument();
        var format = new Option<string>("--format") { Description = "The file format: onnx.", Required = true };
        var output = new Option<string?>("--out") { Description = "The file to write (default: NAME.onnx in the current folder).", HelpName = "FILE" };
        var command = new Command("export", "Write a trained model in another format (ONNX), preprocessing included.");
        command.Arguments.Add(model);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parse => Guarded(() =>
        {
            if (parse.GetValue(format) is not "onnx") return Usage($"--format must be onnx, got '{parse.GetValue(format)}'");
            if (Load(parse, model) is not { } loaded) return ExitCodes.Usage;
            // Built in memory first: a refused layer must leave no file behind.
            using var buffer = new MemoryStream();
            loaded.ExportOnnx(buffer);
            string file = parse.GetValue(output) ?? $"{loaded.Name}.onnx";
            AtomicFile.Write(file, stream => buffer.WriteTo(stream));
            Console.Error.WriteLine($"wrote {file}: input 'input' (N × {loaded.InputColumns.Count}: {string.Join(", ", loaded.InputColumns)}), output 'output' (N × {loaded.OutputSize})");
            return ExitCodes.Success;
        }));
        return command;
    }

    private Model? Load(ParseResult parse, Argument<string> model)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return null;
        return Model.Load(parse.GetValue(model)!, registry);
    }

    /// <summary>Model and data problems are the user's to fix: printed, exit 2, nothing written.</summary>
    private static int Guarded(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is ModelException or InvalidDataException)
        {
            foreach (string line in e.Message.Split(Environment.NewLine)) Console.Error.WriteLine($"error: {line}");
            Console.Error.WriteLine("nothing was written.");
            return ExitCodes.Usage;
        }
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        Console.Error.WriteLine("Run 'nnlab --help' for usage.");
        return ExitCodes.Usage;
    }

    private static void PrintTable(Model model, string file, SplitMetrics m, TextWriter output)
    {
        output.WriteLine($"model       {model.Directory} ({model.Name})");
        output.WriteLine($"data        {file}");
        output.WriteLine($"examples    {m.Examples}");
        output.WriteLine($"cost        {Number(m.Cost)}");
        if (m.Accuracy is { } accuracy) output.WriteLine($"accuracy    {(accuracy * 100).ToString("0.0", CultureInfo.InvariantCulture)} %");
        if (m.MeanSquaredError is { } mse) output.WriteLine($"mse         {Number(mse)}");
        if (m.MeanAbsoluteError is { } mae) output.WriteLine($"mae         {Number(mae)}");
        if (m.R2 is { } r2) output.WriteLine($"r2          {Number(r2)}");
        if (m.Classes is not { } classes || m.ConfusionMatrix is not { } confusion) return;
        int width = Math.Max(8, classes.Max(c => c.Label.Length) + 2);
        output.WriteLine();
        output.WriteLine($"{"class".PadRight(width)}{"precision",10}{"recall",10}{"f1",10}{"support",9}");
        foreach (var c in classes)
            output.WriteLine($"{c.Label.PadRight(width)}{Fixed(c.Precision),10}{Fixed(c.Recall),10}{Fixed(c.F1),10}{c.Support,9}");
        output.WriteLine();
        output.WriteLine("confusion matrix (rows: true class, columns: predicted)");
        output.WriteLine("".PadRight(width) + string.Concat(classes.Select(c => c.Label.PadLeft(width))));
        for (int i = 0; i < confusion.Length; i++)
            output.WriteLine(classes[i].Label.PadRight(width) + string.Concat(confusion[i].Select(v => v.ToString(CultureInfo.InvariantCulture).PadLeft(width))));
    }

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
