using System.ComponentModel;
using System.Reflection;
using NnLab.Experiments.Loading;

namespace NnLab.Experiments;

/// <summary>One YAML option of a component, as <c>nnlab plugins list</c> shows it.</summary>
public sealed record OptionInfo(string Key, string Type, string? Default, bool Required, string? Description)
{
    /// <summary>"units: int, required" / "init: initializer = plain".</summary>
    public override string ToString() =>
        $"{Key}: {Type}{(Required ? ", required" : Default is null ? "" : $" = {Default}")}";
}

/// <summary>Describes an options class the way the loader reads it: snake_case keys, types, defaults.</summary>
public static class OptionsDescriber
{
    public static IReadOnlyList<OptionInfo> Describe(Type? optionsType)
    {
        if (optionsType is null) return [];
        object? defaults = Activator.CreateInstance(optionsType);
        return OptionsSchema.For(optionsType)
            .Select(p => new OptionInfo(p.Key, TypeName(p.Type), DefaultText(p, defaults), p.IsRequired,
                p.Property.GetCustomAttribute<DescriptionAttribute>()?.Description))
            .ToList();
    }

    private static string? DefaultText(OptionProperty property, object? defaults)
    {
        if (defaults is null || property.IsRequired) return null;
        return property.GetValue(defaults) switch
        {
            null => null,
            ComponentRef reference => reference.Name,
            var value => YamlScalarFormatter.Format(value),
        };
    }

    private static string TypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(ComponentRef)) return "initializer";
        if (type.IsEnum) return string.Join("|", Enum.GetNames(type).Select(SnakeCase.From));
        return type switch
        {
            _ when type == typeof(int) || type == typeof(long) => "int",
            _ when type == typeof(double) || type == typeof(float) => "number",
            _ when type == typeof(bool) => "bool",
            _ when type == typeof(string) => "string",
            _ when type == typeof(double[]) => "list of numbers",
            _ when type == typeof(int[]) => "list of ints",
            _ when type == typeof(double[][]) => "rows of numbers",
            _ => type.Name,
        };
    }
}
