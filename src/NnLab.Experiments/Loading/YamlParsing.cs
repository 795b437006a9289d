using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// The one place YAML text is parsed, within <see cref="InputLimits"/>: the text's size is checked before parsing,
/// the nesting depth and the tags while the parser's events stream past (the tree builder recurses once per level,
/// and .NET cannot catch a stack overflow, so depth is bounded before it recurses), the nodes the tree builder makes
/// likewise (at most MaxNodes of them are ever built), and the node count after alias expansion once the tree is built
/// (an alias is a reference, so the tree is small; whoever walks it sees every copy).
/// YamlDotNet reports syntax errors only by throwing, and for some malformed input (an unclosed flow list) its
/// scanner throws a bare InvalidOperationException without a position; the end of the last event parsed is then
/// the best position to report.
/// </summary>
internal static class YamlParsing
{
    private const string StandardTagPrefix = "tag:yaml.org,2002:";

    /// <summary>The standard tags NnLab understands; any other (<c>!!python/object</c>, <c>!custom</c>) is refused.</summary>
    private static readonly HashSet<string> AllowedTags =
    [
        "!", StandardTagPrefix + "str", StandardTagPrefix + "int", StandardTagPrefix + "float", StandardTagPrefix + "bool",
        StandardTagPrefix + "null", StandardTagPrefix + "seq", StandardTagPrefix + "map",
    ];

    /// <summary>True for a scalar tagged as a string (<c>!!str 3</c>, <c>! 3</c>): its text is never a number.</summary>
    public static bool IsStringTag(string? tag) => tag is "!" or StandardTagPrefix + "str";

    /// <summary>True for a scalar tagged as a number, boolean or null, which is read from its text even when quoted.</summary>
    public static bool IsTypedTag(string? tag) =>
        tag is StandardTagPrefix + "int" or StandardTagPrefix + "float" or StandardTagPrefix + "bool" or StandardTagPrefix + "null";

    public static YamlStream? TryLoad(string text, out (string Message, Mark Position)? error) =>
        TryLoad(text, InputLimits.Default, CancellationToken.None, out error);

    /// <summary>The stream, or null with <paramref name="error"/> set to the message and position of the syntax error or exceeded limit.</summary>
    public static YamlStream? TryLoad(string text, InputLimits limits, CancellationToken cancellation,
        out (string Message, Mark Position)? error)
    {
        cancellation.ThrowIfCancellationRequested();
        if (text.Length > limits.MaxDocumentBytes)
        {
            error = ($"the text is {text.Length} characters long; at most {limits.MaxDocumentBytes} are read ({InputLimits.HowToRaise(nameof(InputLimits.MaxDocumentBytes))})",
                new Mark(0, 1, 1));
            return null;
        }
        var parser = new GuardedParser(new Parser(new StringReader(text)), limits, cancellation);
        var stream = new YamlStream();
        try
        {
            stream.Load(parser);
        }
        catch (LimitExceededException e)
        {
            error = (e.Message, e.Position);
            return null;
        }
        catch (YamlException e)
        {
            error = ($"YAML syntax error: {e.Message}", e.Start);
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            error = ("YAML syntax error: cannot parse what follows here (an unclosed '[', '{' or quote?)", parser.LastEnd);
            return null;
        }
        foreach (var document in stream.Documents)
        {
            if (new ExpansionCounter(limits, cancellation).Exceeded(document.RootNode) is { } exceeded)
            {
                error = exceeded;
                return null;
            }
        }
        error = null;
        return stream;
    }

    private static string Shown(string tag) => tag.StartsWith(StandardTagPrefix, StringComparison.Ordinal) ? "!!" + tag[StandardTagPrefix.Length..] : tag;

    /// <summary>How many nodes a walk of <paramref name="node"/> meets, an alias once per use (a tree that passed the limits of TryLoad).</summary>
    public static long ExpandedCount(YamlNode node)
    {
        var counted = new ExpansionCounter(InputLimits.Default with { MaxNodes = long.MaxValue, MaxDepth = int.MaxValue }, CancellationToken.None);
        return counted.Exceeded(node) is null ? counted.Total(node) : long.MaxValue;
    }

    /// <summary>Thrown inside the parse to stop it; caught above and turned into an error with a position.</summary>
    private sealed class LimitExceededException(string message, Mark position) : Exception(message)
    {
        public Mark Position { get; } = position;
    }

    /// <summary>Remembers where the last successfully parsed event ended; stops at a depth or tag past the limits, and on cancellation.</summary>
    private sealed class GuardedParser(IParser inner, InputLimits limits, CancellationToken cancellation) : IParser
    {
        private int _depth;
        private long _events;
        private long _nodes;

        public Mark LastEnd { get; private set; } = Mark.Empty;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if ((++_events & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            bool moved = inner.MoveNext();
            if (!moved || inner.Current is not { } current) return moved;
            LastEnd = current.End;
            if (current is DocumentStart) _nodes = 0;
            // Every node the tree builder would make counts now, before it is made: a document of more distinct nodes
            // than the limit (inline data, one node a number) is refused after MaxNodes of them, not after building
            // them all (a 47 MB list of numbers built 3.4 GB of nodes before the count below refused it). Aliases make
            // no node here; the walk after parsing counts each use of one.
            if (current is (Scalar or SequenceStart or MappingStart) && ++_nodes > limits.MaxNodes)
                throw new LimitExceededException(
                    $"this document holds more than {limits.MaxNodes} YAML nodes ({InputLimits.HowToRaise(nameof(InputLimits.MaxNodes))})", current.Start);
            switch (current)
            {
                case MappingStart or SequenceStart:
                    if (++_depth > limits.MaxDepth)
                        throw new LimitExceededException(
                            $"nested more than {limits.MaxDepth} levels deep ({InputLimits.HowToRaise(nameof(InputLimits.MaxDepth))})", current.Start);
                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }
            if (current is NodeEvent { Tag: { IsEmpty: false } tag } node && !AllowedTags.Contains(tag.Value))
                throw new LimitExceededException(
                    $"the YAML tag '{Shown(tag.Value)}' is not supported: NnLab reads plain values (only the standard !!str, !!int, !!float, !!bool, !!null, !!seq and !!map are allowed)",
                    node.Start);
            return moved;
        }
    }

    /// <summary>
    /// Counts a tree's nodes as a reader walking it would meet them (an alias once per use), and its depth the same
    /// way, in time linear in the distinct nodes: each node's figures are computed once and reused at every alias.
    /// </summary>
    private sealed class ExpansionCounter(InputLimits limits, CancellationToken cancellation)
    {
        private readonly Dictionary<YamlNode, (long Nodes, int Depth)> _known = new(ReferenceEqualityComparer.Instance);
        private readonly HashSet<YamlNode> _open = new(ReferenceEqualityComparer.Instance);
        private (string, Mark)? _exceeded;

        public long Total(YamlNode root) => _known.TryGetValue(root, out var known) ? known.Nodes : Count(root).Nodes;

        public (string, Mark)? Exceeded(YamlNode root)
        {
            Count(root);
            return _exceeded;
        }

        private (long Nodes, int Depth) Count(YamlNode node)
        {
            if (_exceeded is not null) return (0, 0);
            if (_known.TryGetValue(node, out var known)) return known;
            if (!_open.Add(node))
            {
                _exceeded = ("an alias refers to the node that contains it: the value would be infinite", node.Start);
                return (0, 0);
            }
            if ((_known.Count & 1023) == 0) cancellation.ThrowIfCancellationRequested();
            long nodes = 1;
            int depth = 0;
            // Keys and values alike, each in a loop of its own: a query over the mapping's key-value pairs is not in the
            // precompiled code and was compiled on every load.
            bool Add(YamlNode child)
            {
                var (childNodes, childDepth) = Count(child);
                nodes = Math.Min(nodes + childNodes, long.MaxValue / 2);
                depth = Math.Max(depth, childDepth);
                return _exceeded is null;
            }
            if (node is YamlSequenceNode sequence)
            {
                foreach (var child in sequence.Children)
                    if (!Add(child)) return (0, 0);
            }
            else if (node is YamlMappingNode mapping)
            {
                foreach (var (key, value) in mapping.Children)
                    if (!Add(key) || !Add(value)) return (0, 0);
            }
            if (node is YamlSequenceNode or YamlMappingNode) depth++;
            _open.Remove(node);
            if (nodes > limits.MaxNodes)
                _exceeded = ($"this value expands to more than {limits.MaxNodes} YAML nodes (aliases count once per use; {InputLimits.HowToRaise(nameof(InputLimits.MaxNodes))})", node.Start);
            else if (depth > limits.MaxDepth)
                _exceeded = ($"this value, its aliases expanded, is nested more than {limits.MaxDepth} levels deep ({InputLimits.HowToRaise(nameof(InputLimits.MaxDepth))})", node.Start);
            _known[node] = (nodes, depth);
            return (nodes, depth);
        }
    }
}
