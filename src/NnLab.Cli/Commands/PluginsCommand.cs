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
        var catalog = services.GetRequiredService<ComponentCatalog>();
        if (catalog.Load(parse, Console.Error) is not { } registry) return ExitCodes.Usage;
        Write(registry, Console.Out);
        if (catalog.Broken.Count > 0)
        {
            Console.Out.WriteLine("broken plugin folders (their components are unavailable):");
            foreach (var broken in catalog.Broken) Console.Out.WriteLine($"  {broken.Message}");
            Console.Out.WriteLine();
        }
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
                IEnumerable<string> options;
                try
                {
                    options = OptionsDescriber.Describe(component.OptionsType).Select(o => o.ToString()!).ToList();
                }
                catch (Exception e)
                {
                    // A plugin's options class may throw when described (its defaults come from its own code): say so, go on.
                    options = [$"(its options cannot be listed: {e.GetType().Name}: {e.Message})"];
                }
                foreach (var option in options) output.WriteLine($"      - {option}");
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
