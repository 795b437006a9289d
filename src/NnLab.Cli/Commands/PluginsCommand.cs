using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using NnLab.Cli.Plugins;
using NnLab.Experiments;
using NnLab.Numerics;
using NnLab.Registry;

namespace NnLab.Cli.Commands;

/// <summary><c>nnlab plugins list</c>: every registered name by kind, with its source and options.</summary>
internal sealed class PluginsCommand(IServiceProvider services)
{
    public Command Build()
    {
        var list = new Command("list", "List every layer, initializer, cost and optimizer, with its source and options.");
        list.SetAction(Execute);
        var command = new Command("plugins", "Inspect the registry of built-in and plugin components.");
        command.Subcommands.Add(list);
        return command;
    }

    private int Execute(ParseResult parse)
    {
        if (services.GetRequiredService<ComponentCatalog>().Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        Write(registry, Console.Out);
        return ExitCodes.Success;
    }

    internal static void Write(ComponentRegistry registry, TextWriter output)
    {
        foreach (var group in registry.All.GroupBy(d => d.Kind))
        {
            output.WriteLine($"{group.Key.ToString().ToLowerInvariant()}s:");
            foreach (var component in group)
            {
                var aliases = component.Aliases.Count == 0 ? "" : $" (also {string.Join(", ", component.Aliases)})";
                output.WriteLine($"  {component.Name}{aliases}  [{component.Source}]{PrecisionNote(component)}");
                if (component.Description is { } description) output.WriteLine($"      {description}");
                foreach (var option in OptionsDescriber.Describe(component.OptionsType))
                    output.WriteLine($"      - {option}");
            }
            output.WriteLine();
        }
    }

    /// <summary>Empty for a component that runs in both precisions; otherwise which one it is limited to.</summary>
    private static string PrecisionNote(ComponentDescriptor component)
    {
        var supported = PrecisionNames.SupportedBy(component);
        return supported.Count == Enum.GetValues<Precision>().Length ? "" : $"  ({string.Join(", ", supported.Select(p => p.Name()))} only)";
    }
}
