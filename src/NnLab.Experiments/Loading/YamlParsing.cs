using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// The one place YAML text is parsed. YamlDotNet reports syntax errors only by throwing, and for some malformed
/// input (an unclosed flow list) its scanner throws a bare InvalidOperationException without a position; the
/// end of the last event parsed is then the best position to report.
/// </summary>
internal static class YamlParsing
{
    /// <summary>The stream, or null with <paramref name="error"/> set to the message and position of the syntax error.</summary>
    public static YamlStream? TryLoad(string text, out (string Message, Mark Position)? error)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
            error = null;
            return stream;
        }
        catch (YamlException e)
        {
            error = ($"YAML syntax error: {e.Message}", e.Start);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            error = ("YAML syntax error: cannot parse what follows here (an unclosed '[', '{' or quote?)", parser.LastEnd);
        }
        return null;
    }

    /// <summary>Remembers where the last successfully parsed event ended.</summary>
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastEnd { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            bool moved = inner.MoveNext();
            if (moved && inner.Current is { } current) LastEnd = current.End;
            return moved;
        }
    }
}
