using System.Collections.Concurrent;
using System.Reflection;

namespace NnLab.Experiments.Loading;

/// <summary>The YAML keys of an options class: its public settable instance properties, in declaration order.</summary>
internal static class OptionsSchema
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<OptionProperty>> Cache = new();

    public static IReadOnlyList<OptionProperty> For(Type optionsType) => Cache.GetOrAdd(optionsType, Discover);

    public static OptionProperty? Find(Type optionsType, string key) => For(optionsType).FirstOrDefault(p => p.Key == key);

    private static IReadOnlyList<OptionProperty> Discover(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && p.SetMethod is { IsPublic: true })
            // Declaration order, so the resolved YAML lists options the way the author wrote the class.
            .OrderBy(p => p.MetadataToken)
            .Select(p => new OptionProperty(p))
            .ToList();
}
