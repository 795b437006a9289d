using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// A trial's parameters (name to value as one-line YAML) in the sweep's order. The names are one array shared by the
/// sweep's trials, so a trial holds only its values: a sweep keeps a record per trial, and 100,000 dictionaries of
/// two entries took 35 MB where these take 6 MB (plus the value strings either way). Two are equal when they hold the
/// same names and values in the same order, so records made again from the same trial are equal as records.
/// </summary>
public sealed class TrialParameters : IReadOnlyDictionary<string, string>, IEquatable<TrialParameters>
{
    private readonly string[] _names;
    private readonly string[] _values;

    /// <param name="names">The parameter names, shared: not copied, and never changed afterwards.</param>
    /// <param name="values">The values in the order of <paramref name="names"/>; owned from here on.</param>
    public TrialParameters(string[] names, string[] values)
    {
        if (names.Length != values.Length) throw new ArgumentException($"{names.Length} names for {values.Length} values");
        _names = names;
        _values = values;
    }

    public int Count => _names.Length;

    public IEnumerable<string> Keys => _names;

    public IEnumerable<string> Values => _values;

    public string this[string key] => TryGetValue(key, out string? value) ? value : throw new KeyNotFoundException($"no parameter '{key}'");

    public bool ContainsKey(string key) => Array.IndexOf(_names, key) >= 0;

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        int i = Array.IndexOf(_names, key);
        value = i >= 0 ? _values[i] : null;
        return i >= 0;
    }

    /// <summary><paramref name="names"/>, or <paramref name="previous"/> when it holds the same names (so equal name lists are one array).</summary>
    internal static string[] Shared(string[]? previous, string[] names) =>
        previous is not null && previous.AsSpan().SequenceEqual(names) ? previous : names;

    public bool Equals(TrialParameters? other) =>
        other is not null && _names.AsSpan().SequenceEqual(other._names) && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => obj is TrialParameters other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (string value in _values) hash.Add(value);
        return hash.ToHashCode();
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator()
    {
        for (int i = 0; i < _names.Length; i++) yield return new KeyValuePair<string, string>(_names[i], _values[i]);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

/// <summary>
/// Writes <see cref="TrialParameters"/> (and any other parameter dictionary) as a JSON object in its own order, and
/// reads one back with its names shared with the previous object read on this thread when they are the same (a
/// trials.json of 100,000 trials repeats one list of names 100,000 times).
/// </summary>
internal sealed class TrialParametersConverter : JsonConverter<IReadOnlyDictionary<string, string>>
{
    [ThreadStatic] private static string[]? _lastNames;

    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(IReadOnlyDictionary<string, string>) || typeToConvert == typeof(TrialParameters);

    public override IReadOnlyDictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("parameters must be an object of names to values");
        var names = new List<string>(4);
        var values = new List<string>(4);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) throw new JsonException($"parameter '{name}' must be a string");
            if (names.Contains(name)) throw new JsonException($"parameter '{name}' appears twice");
            names.Add(name);
            values.Add(reader.GetString()!);
        }
        string[] shared = _lastNames = TrialParameters.Shared(_lastNames, names.ToArray());
        return new TrialParameters(shared, values.ToArray());
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (name, text) in value) writer.WriteString(name, text);
        writer.WriteEndObject();
    }
}
