using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Diagnostics;
using NnLab.Experiments;
using NnLab.Numerics;
using NnLab.Registry;
using NnLab.Runner.Training;
using NnLab.Training;

namespace NnLab.Cli.Commands;

/// <summary>
/// <c>nnlab gradcheck FILE</c> or <c>nnlab gradcheck --layer NAME [--options "{...}"]</c>: compares every layer's and
/// the cost's analytic gradients with central finite differences on seeded random inputs. Exit 1 above the threshold.
/// </summary>
internal sealed class GradcheckCommand(IServiceProvider services)
{
    private const int Examples = 5;
    private readonly Argument<string?> _file = new("file") { Description = "An experiment whose model and cost to check.", Arity = ArgumentArity.ZeroOrOne };
    private readonly Option<string[]> _set = new("--set") { Description = "Override a value of the file (repeatable).", HelpName = "path=value" };
    private readonly Option<string?> _layer = new("--layer") { Description = "Check one registered layer instead of a file.", HelpName = "NAME" };
    private readonly Option<string?> _options = new("--options") { Description = "The layer's options as a YAML mapping, e.g. \"{beta: 2}\".", HelpName = "YAML" };
    private readonly Option<int> _inputs = new("--inputs") { Description = "Input size for --layer.", DefaultValueFactory = _ => 4, HelpName = "N" };
    private readonly Option<double> _threshold = new("--threshold") { Description = "Largest relative error that passes.", DefaultValueFactory = _ => 1e-6 };

    public Command Build()
    {
        var command = new Command("gradcheck", "Check analytic gradients against central finite differences.");
        command.Arguments.Add(_file);
        foreach (var option in new Option[] { _set, _layer, _options, _inputs, _threshold }) command.Options.Add(option);
        command.SetAction(Execute);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        string? file = parse.GetValue(_file), layer = parse.GetValue(_layer);
        if ((file is null) == (layer is null))
        {
            Console.Error.WriteLine("error: give either an experiment FILE or --layer NAME.");
            return ExitCodes.Usage;
        }
        var results = file is not null ? CheckFile(parse, file, registry) : CheckLayer(parse, layer!, registry);
        return results is null ? ExitCodes.Usage : Report(results, parse.GetValue(_threshold));
    }

    private List<GradientCheckResult>? CheckFile(ParseResult parse, string file, ComponentRegistry registry)
    {
        var loaded = Loaders.Experiment(services, registry).LoadFile(file, parse.GetValue(_set) ?? []);
        if (!loaded.TryGetExperiment(out var experiment))
        {
            ConfigErrorReport.Print(loaded.Errors, Console.Error);
            return null;
        }
        // Finite differences need float64 whatever the experiment's precision.
        var network = experiment.CreateSession(ReferenceMatrixOperations<double>.Instance).Network;
        var random = new NumpyRandomState(experiment.Seed);
        var results = CheckLayers(network, random);
        results.Add(CheckCost(experiment, network.OutputSize, random));
        return results;
    }

    private List<GradientCheckResult>? CheckLayer(ParseResult parse, string name, ComponentRegistry registry)
    {
        var (spec, errors) = new ComponentLoader(registry).LoadLayer(name, parse.GetValue(_options));
        if (spec is null)
        {
            ConfigErrorReport.Print(errors, Console.Error);
            return null;
        }
        var random = new NumpyRandomState(0);
        var network = Network<double>.Build([spec], parse.GetValue(_inputs), random, ReferenceMatrixOperations<double>.Instance, registry);
        return CheckLayers(network, random);
    }

    private static List<GradientCheckResult> CheckLayers(Network<double> network, NumpyRandomState random) =>
        network.Layers.Select((layer, i) => GradientChecker.CheckLayer($"layer {i} {network.Specs[i].Name}", layer,
            network.Sizes[i + 1], GradientChecker.RandomMatrix(network.Sizes[i], Examples, random), random)).ToList();

    /// <summary>Predictions strictly inside (0, 1), so costs on probabilities are checked away from their clip.</summary>
    private static GradientCheckResult CheckCost(Experiment experiment, int outputs, NumpyRandomState random)
    {
        var targets = experiment.Data.Targets;
        var predictions = GradientChecker.RandomMatrix(outputs, targets.Cols, random);
        for (int i = 0; i < predictions.Length; i++) predictions.Data[i] = 0.1 + 0.8 / (1 + Math.Exp(-predictions.Data[i]));
        var cost = experiment.Cost.Create<ICost<double>>();
        return GradientChecker.CheckCost($"cost {experiment.Cost.Name}", cost, predictions, targets);
    }

    private static int Report(IReadOnlyList<GradientCheckResult> results, double threshold)
    {
        int width = results.Max(r => r.Subject.Length);
        foreach (var result in results)
        {
            var tensors = string.Join("  ", result.MaxRelativeErrors.Select(e => $"{e.Key} {e.Value:0.0e+00}"));
            var verdict = result.Passes(threshold) ? "ok" : "FAILED";
            Console.Out.WriteLine($"{result.Subject.PadRight(width)}  {tensors}  {verdict}");
        }
        double worst = results.Max(r => r.MaxRelativeError);
        bool passed = worst <= threshold;
        Console.Out.WriteLine($"max relative error {worst:0.0e+00} (threshold {threshold:0.0e+00}): {(passed ? "passed" : "FAILED")}");
        return passed ? ExitCodes.Success : ExitCodes.Failure;
    }
}
