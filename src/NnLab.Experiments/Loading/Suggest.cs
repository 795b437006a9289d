using NnLab.Registry;

namespace NnLab.Experiments.Loading;

/// <summary>Messages for a name that is not one of the known ones, with the nearest as a hint.</summary>
internal static class Suggest
{
    public static string? Nearest(string name, IEnumerable<string> known) => NameSuggester.Nearest(name, known);

    /// <summary>"unknown option 'unit' in layer 'linear'; did you mean 'units'? Valid options: units, init, bias, bias_init."</summary>
    public static string UnknownKey(string key, IReadOnlyList<string> valid, string noun = "key", string? where = null)
    {
        string place = where is null ? "" : $" in {where}";
        string list = valid.Count == 0 ? $"it takes no {noun}s" : $"Valid {noun}s: {string.Join(", ", valid)}";
        return $"unknown {noun} '{key}'{place}{Hint(key, valid)} {list}.";
    }

    /// <summary>"; did you mean 'x'?" when a near name exists, else ".", so a sentence can follow.</summary>
    public static string Hint(string name, IEnumerable<string> known) =>
        Nearest(name, known) is { } nearest ? $"; did you mean '{nearest}'?" : ".";
}
