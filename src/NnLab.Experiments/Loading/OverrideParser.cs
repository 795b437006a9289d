using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Parses <c>--set</c> arguments: <c>path=value</c> where path is dotted keys with [index] steps
/// (<c>model[0].units</c>) and value is YAML (<c>0.5</c>, <c>[0, 1]</c>, <c>{name: constant, value: 0.5}</c>).
/// Errors point at the column of the argument.
/// </summary>
internal sealed class OverrideParser
{
    private readonly ErrorCollector _errors;

    public OverrideParser(ErrorCollector errors) => _errors = errors;

    /// <summary>The overrides that parsed; the others were reported.</summary>
    public IReadOnlyList<ParsedOverride> Parse(IReadOnlyList<string> arguments)
    {
        var parsed = new List<ParsedOverride>();
        for (int n = 0; n < arguments.Count; n++)
            if (ParseOne(arguments[n], n) is { } o) parsed.Add(o);
        return parsed;
    }

    private ParsedOverride? ParseOne(string argument, int number)
    {
        int equals = argument.IndexOf('=');
        if (equals < 0)
        {
            _errors.At(SourceLocation.Override(number, 1), argument.Trim(), "expected path=value, e.g. optimizer.learning_rate=0.5");
            return null;
        }
        string path = argument[..equals].Trim();
        var segments = ParsePath(argument[..equals], number, path);
        string valueText = argument[(equals + 1)..];
        var value = ParseValue(valueText, number, valueColumn: equals + 2, path);
        return segments is null || value is null ? null : new ParsedOverride(number, path, segments, value, valueText.Trim());
    }

    private List<OverrideSegment>? ParsePath(string text, int number, string path)
    {
        var segments = new List<OverrideSegment>();
        int position = 0;
        while (position < text.Length && char.IsWhiteSpace(text[position])) position++;
        int end = text.TrimEnd().Length;
        if (!ReadKey(text, ref position, end, number, path, segments)) return null;
        while (position < end)
        {
            bool ok = text[position] switch
            {
                '.' => ReadKey(text, ref position, end, number, path, segments, skip: 1),
                '[' => ReadIndex(text, ref position, end, number, path, segments),
                _ => Fail(number, position, path, $"unexpected '{text[position]}' in the path; use keys joined by '.' and [index], e.g. model[0].units"),
            };
            if (!ok) return null;
        }
        return segments;
    }

    private bool ReadKey(string text, ref int position, int end, int number, string path, List<OverrideSegment> segments, int skip = 0)
    {
        position += skip;
        int start = position;
        while (position < end && (char.IsAsciiLetterOrDigit(text[position]) || text[position] is '_' or '-')) position++;
        if (position == start) return Fail(number, start, path, "expected a key name");
        segments.Add(new OverrideSegment(text[start..position], 0, start + 1));
        return true;
    }

    private bool ReadIndex(string text, ref int position, int end, int number, string path, List<OverrideSegment> segments)
    {
        int start = position;
        int close = text.IndexOf(']', start);
        if (close < 0 || close > end || !int.TryParse(text.AsSpan(start + 1, close - start - 1), out int index) || index < 0)
            return Fail(number, start, path, "expected [index] with a number from 0, e.g. model[0]");
        segments.Add(new OverrideSegment(null, index, start + 1));
        position = close + 1;
        return true;
    }

    private bool Fail(int number, int position, string path, string message)
    {
        _errors.At(SourceLocation.Override(number, position + 1), path, message);
        return false;
    }

    // The value is YAML, so nodes keep marks relative to the value text; shift them to argument columns.
    private YamlNode? ParseValue(string text, int number, int valueColumn, string path)
    {
        var stream = YamlParsing.TryLoad(text, out var syntaxError);
        if (syntaxError is var (message, position))
        {
            _errors.At(SourceLocation.Override(number, valueColumn + (int)position.Column - 1), path, message);
            return null;
        }
        if (stream!.Documents.Count > 1)
        {
            _errors.At(SourceLocation.Override(number, valueColumn), path, "the value holds more than one YAML document");
            return null;
        }
        // An empty value (`--set cost=`) is YAML null, like an empty value in the file.
        var value = stream.Documents.Count == 0 ? new YamlScalarNode("") : stream.Documents[0].RootNode;
        _errors.Locations.RegisterTree(value, node =>
            SourceLocation.Override(number, stream.Documents.Count == 0 ? valueColumn : valueColumn + (int)node.Start.Column - 1));
        return value;
    }
}
