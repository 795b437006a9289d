using System.Reflection;

namespace NnLab.Registry;

/// <summary>One registered name: what it builds, what options it takes, and where it came from.</summary>
public sealed class ComponentDescriptor
{
    public ComponentDescriptor(ComponentKind kind, string name, Type implementation, Type? optionsType,
        string source, IReadOnlyList<string> aliases, string? description)
    {
        Kind = kind;
        Name = name;
        Implementation = implementation;
        OptionsType = optionsType;
        Source = source;
        Aliases = aliases;
        Description = description;
    }

    public ComponentKind Kind { get; }
    public string Name { get; }
    public Type Implementation { get; }

    /// <summary>The options class bound from YAML, or null for a component without options.</summary>
    public Type? OptionsType { get; }

    /// <summary>"built-in", or the plugin folder and assembly it was loaded from.</summary>
    public string Source { get; }

    public IReadOnlyList<string> Aliases { get; }
    public string? Description { get; }

    /// <summary>A fresh options object holding every default.</summary>
    public object? CreateDefaultOptions() => OptionsType is null ? null : Activator.CreateInstance(OptionsType);

    /// <summary>Constructs the component. <paramref name="options"/> must be of <see cref="OptionsType"/> (null means defaults).</summary>
    public object Create(object? options)
    {
        try
        {
            if (OptionsType is null) return Activator.CreateInstance(Implementation)!;
            return Activator.CreateInstance(Implementation, options ?? CreateDefaultOptions())!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new ComponentException(this, $"its constructor threw: {e.InnerException.Message}", e.InnerException);
        }
    }

    public T Create<T>(object? options) where T : class => (T)Create(options);

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} '{Name}' ({Source})";

    internal static ComponentKind? KindOf(Type type)
    {
        if (typeof(ILayer).IsAssignableFrom(type)) return ComponentKind.Layer;
        if (typeof(IInitializer).IsAssignableFrom(type)) return ComponentKind.Initializer;
        if (typeof(ICost).IsAssignableFrom(type)) return ComponentKind.Cost;
        if (typeof(IOptimizer).IsAssignableFrom(type)) return ComponentKind.Optimizer;
        return null;
    }

    /// <summary>The options type is the single parameter of the public constructor, if it has one.</summary>
    internal static Type? OptionsTypeOf(Type type)
    {
        var ctors = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance);
        var withOptions = ctors.FirstOrDefault(c => c.GetParameters().Length == 1);
        if (withOptions is not null) return withOptions.GetParameters()[0].ParameterType;
        if (ctors.Any(c => c.GetParameters().Length == 0)) return null;
        throw new InvalidOperationException(
            $"{type.FullName} needs a public constructor taking nothing or one options object.");
    }
}
