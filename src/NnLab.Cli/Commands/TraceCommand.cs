using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Diagnostics.Tracing;
using NnLab.Experiments;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab trace FILE [--epoch N] [--steps K] [--examples i,j] [--format text|markdown|html] [--digits D]
/// [--set path=value]... [--out FILE]</c>: trains the experiment up to update N as <c>nnlab run</c> does and prints
/// K updates as the tutorial's hand calculation, node by node. Writes no run folder. Exit 2 when nothing ran.
/// </summary>
internal sealed class TraceCommand(IServiceProvider services)
{
    private readonly ExperimentInput _input = new();
    private readonly Option<int> _epoch = new("--epoch") { Description = "The first update to trace (0-based; with mini-batches, the N-th batch update).", DefaultValueFactory = _ => 0, HelpName = "N" };
    private readonly Option<int> _steps = new("--steps") { Description = "How many updates to trace.", DefaultValueFactory = _ => 1, HelpName = "K" };
    private readonly Option<string?> _examples = new("--examples") { Description = "Which examples (columns, from 1) to show, e.g. 1,3.", HelpName = "i,j,…" };
    private readonly Option<string> _format = new("--format") { Description = "text, markdown or html.", DefaultValueFactory = _ => "text" };
    private readonly Option<int> _digits = new("--digits") { Description = "Decimals shown (1..17); the tutorial rounds to 3.", DefaultValueFactory = _ => 3, HelpName = "D" };
    private readonly Option<string?> _out = new("--out") { Description = "Write the trace to this file instead of stdout.", HelpName = "FILE" };

    public Command Build()
    {
        var command = new Command("trace", "Print one update's forward pass, backward pass and parameter updates node by node, as the tutorial works them by hand.");
        _input.AddTo(command);
        foreach (var option in new Option[] { _epoch, _steps, _examples, _format, _digits, _out }) command.Options.Add(option);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        if (_input.IsSweep(parse, services)) return Usage("trace runs one experiment, and this file has a sweep block; trace a trial's config.resolved.yaml, or the file without the block");
        var loaded = _input.Load(parse, Loaders.Experiment(services, registry));
        if (!loaded.TryGetExperiment(out var experiment)) return ConfigErrorReport.Print(loaded.Errors, Console.Error);

        int first = parse.GetValue(_epoch), steps = parse.GetValue(_steps), digits = parse.GetValue(_digits);
        int total = experiment.TotalUpdates(), perEpoch = experiment.UpdatesPerEpoch();
        string updates = perEpoch == 1
            ? $"training.epochs {experiment.Training.Epochs}: updates 0..{total - 1}"
            : $"training.epochs {experiment.Training.Epochs} × {perEpoch} batches: updates 0..{total - 1}";
        if (first < 0 || first >= total) return Usage($"--epoch {first} is beyond the training ({updates})");
        if (steps < 1) return Usage($"--steps must be at least 1, got {steps}");
        if (first + steps > total) return Usage($"--epoch {first} --steps {steps} runs past the training's last update ({updates})");
        if (digits < TraceView.MinDigits || digits > TraceView.MaxDigits)
            return Usage($"--digits must be from {TraceView.MinDigits} to {TraceView.MaxDigits}, got {digits}");
        if (!TryFormat(parse.GetValue(_format), out var format)) return Usage($"--format must be text, markdown or html, got '{parse.GetValue(_format)}'");
        if (!TryExamples(parse.GetValue(_examples), experiment.BatchSize(), out var examples, out var error)) return Usage(error!);

        Trace trace;
        try
        {
            trace = experiment.Trace(first, steps);
        }
        catch (TraceException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Failure;
        }
        var text = TraceWriter.Write(trace, format, new TraceView(digits, examples));
        if (parse.GetValue(_out) is { } path)
        {
            File.WriteAllText(path, text);
            Console.Error.WriteLine($"wrote {path}");
        }
        else Console.Out.Write(text);
        return ExitCodes.Success;
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return ExitCodes.Usage;
    }

    private static bool TryFormat(string? text, out TraceFormat format)
    {
        format = TraceFormat.Text;
        switch (text?.ToLowerInvariant())
        {
            case "text": return true;
            case "markdown" or "md": format = TraceFormat.Markdown; return true;
            case "html": format = TraceFormat.Html; return true;
            default: return false;
        }
    }

    /// <summary>Parses "1,3" into 0-based columns; each must be an example of a batch (1..batch size).</summary>
    private static bool TryExamples(string? text, int batchSize, out IReadOnlyList<int>? examples, out string? error)
    {
        (examples, error) = (null, null);
        if (text is null) return true;
        var picked = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out int index))
            {
                error = $"--examples takes example numbers separated by commas, e.g. 1,3; '{part}' is not a number";
                return false;
            }
            if (index < 1 || index > batchSize)
            {
                error = $"--examples {index}: there is no such example; a batch holds examples 1..{batchSize}";
                return false;
            }
            if (!picked.Contains(index - 1)) picked.Add(index - 1);
        }
        examples = picked;
        return true;
    }
}
