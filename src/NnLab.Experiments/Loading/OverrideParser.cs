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
        var start = SourceLocation.Override(number, 1);
        var segments = ParsePath(argument[..equals], start, path);
        string valueText = argument[(equals + 1)..];
        var value = ParseValue(valueText, number, valueColumn: equals + 2, path);
        return segments is null || value is null ? null : new ParsedOverride(start, path, segments, value, valueText.Trim());
    }

    /// <summary>
    /// The steps of a path such as <c>model[0].units</c>, or null after reporting what is wrong at its column;
    /// <paramref name="start"/> is where the text's first character was written.
    /// </summary>
    public List<OverrideSegment>? ParsePath(string text, SourceLocation start, string path)
    {
        var cursor = new PathCursor(text, start, path);
        while (cursor.Position < text.Length && char.IsWhiteSpace(text[cursor.Position])) cursor.Position++;
        int end = text.TrimEnd().Length;
        if (!ReadKey(cursor, end)) return null;
        while (cursor.Position < end)
        {
            bool ok = text[cursor.Position] switch
            {
                '.' => ReadKey(cursor, end, skip: 1),
                '[' => ReadIndex(cursor, end),
                _ => Fail(cursor, cursor.Position, $"unexpected '{text[cursor.Position]}' in the path; use keys joined by '.' and [index], e.g. model[0].units"),
            };
            if (!ok) return null;
        }
        return cursor.Segments;
    }

    /// <summary>Reading state of one path: the text, where it was written, and the steps read so far.</summary>
    private sealed class PathCursor(string text, SourceLocation start, string path)
    {
        public string Text { get; } = text;
        public SourceLocation Start { get; } = start;
        public string Path { get; } = path;
        public int Position { get; set; }
        public List<OverrideSegment> Segments { get; } = [];
    }

    private bool ReadKey(PathCursor cursor, int end, int skip = 0)
    {
        string text = cursor.Text;
        cursor.Position += skip;
        int start = cursor.Position;
        while (cursor.Position < end && (char.IsAsciiLetterOrDigit(text[cursor.Position]) || text[cursor.Position] is '_' or '-')) cursor.Position++;
        if (cursor.Position == start) return Fail(cursor, start, "expected a key name");
        cursor.Segments.Add(new OverrideSegment(text[start..cursor.Position], 0, start + 1));
        return true;
    }

    private bool ReadIndex(PathCursor cursor, int end)
    {
        string text = cursor.Text;
        int start = cursor.Position;
        int close = text.IndexOf(']', start);
        if (close < 0 || close > end || !int.TryParse(text.AsSpan(start + 1, close - start - 1), out int index) || index < 0)
            return Fail(cursor, start, "expected [index] with a number from 0, e.g. model[0]");
        cursor.Segments.Add(new OverrideSegment(null, index, start + 1));
        cursor.Position = close + 1;
        return true;
    }

    private bool Fail(PathCursor cursor, int position, string message)
    {
        _errors.At(cursor.Start with { Column = cursor.Start.Column + position }, cursor.Path, message);
        return false;
    }

    // The value is YAML, so nodes keep marks relative to the value text; shift them to argument columns.
    private YamlNode? ParseValue(string text, int number, int valueColumn, string path)
    {
        var stream = YamlParsing.TryLoad(text, _errors.Limits, _errors.Cancellation, out var syntaxError);
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
