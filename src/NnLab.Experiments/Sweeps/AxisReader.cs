using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Reads one axis's values: a list, or a one-key mapping naming a range (<c>linspace</c>, <c>logspace</c>), a
/// distribution (<c>uniform</c>, <c>log_uniform</c>, <c>int</c>: random mode only) or <c>choice</c>.
/// </summary>
internal sealed class AxisReader
{
    public const int MaxPoints = SweepLoader.MaxTrials;

    private static readonly IReadOnlyList<string> Forms = ["linspace", "logspace", "uniform", "log_uniform", "int", "choice"];

    private readonly ErrorCollector _errors;
    private readonly NumberReader _numbers;

    public AxisReader(ErrorCollector errors)
    {
        _errors = errors;
        _numbers = new NumberReader(errors);
    }

    public AxisValues? Read(YamlNode node, string path, SweepMode mode)
    {
        switch (node)
        {
            case YamlSequenceNode list:
                return ReadList(list, node, path);
            case YamlMappingNode { Children.Count: 1 } form when form.Children.First() is var (key, value)
                && key is YamlScalarNode { Value: { } name } && Forms.Contains(name):
                return ReadForm(name, value, node, YamlPath.Key(path, name), mode);
            case YamlMappingNode mapping:
                string written = string.Join(", ", mapping.Children.Keys.Select(k => (k as YamlScalarNode)?.Value ?? "?"));
                return Fail(node, path, $"expected a list of values or one of {{{string.Join(" | ", Forms)}: [...]}}, got a mapping of {written}");
            default:
                return Fail(node, path,
                    $"expected a list of values (e.g. [0.1, 1, 10]) or a range such as {{linspace: [start, stop, count]}}, got {ScalarText.Describe(node)}");
        }
    }

    private AxisValues? ReadList(YamlSequenceNode list, YamlNode site, string path)
    {
        if (list.Children.Count == 0) return Fail(site, path, "is empty; an axis needs at least one value");
        if (list.Children.Count > MaxPoints) return Fail(site, path, $"has {list.Children.Count} values; at most {MaxPoints}");
        return new ListValues(site, list.Children.ToList());
    }

    private AxisValues? ReadForm(string form, YamlNode arguments, YamlNode site, string path, SweepMode mode)
    {
        bool drawn = form is "uniform" or "log_uniform" or "int";
        if (drawn && mode != SweepMode.Random)
            return Fail(site, path, $"'{form}' draws random values, so it needs 'mode: random' in the sweep block; "
                + "in grid or zip mode use a list, linspace or logspace");
        return form switch
        {
            "choice" when arguments is YamlSequenceNode list => ReadList(list, site, path),
            "choice" => Fail(arguments, path, $"expected a list of values to choose from, got {ScalarText.Describe(arguments)}"),
            "linspace" => ReadSpaced(arguments, site, path, Spacing.Linear),
            "logspace" => ReadSpaced(arguments, site, path, Spacing.Geometric),
            "uniform" => ReadDrawn(arguments, site, path, Distribution.Uniform),
            "log_uniform" => ReadDrawn(arguments, site, path, Distribution.LogUniform),
            _ => ReadDrawn(arguments, site, path, Distribution.Integer),
        };
    }

    private AxisValues? ReadSpaced(YamlNode arguments, YamlNode site, string path, Spacing spacing)
    {
        if (Arguments(arguments, path, 3, "[start, stop, count]") is not { } items) return null;
        double? start = _numbers.ReadDouble(items[0], YamlPath.Index(path, 0));
        double? stop = _numbers.ReadDouble(items[1], YamlPath.Index(path, 1));
        long? count = _numbers.ReadInteger(items[2], YamlPath.Index(path, 2), long.MinValue, long.MaxValue);
        if (start is null || stop is null || count is null) return null;
        if (count is < 1 or > MaxPoints) return Fail(items[2], YamlPath.Index(path, 2), $"the count must be 1 to {MaxPoints}, got {count}");
        if (spacing == Spacing.Geometric && (start <= 0 || stop <= 0))
            return Fail(arguments, path, $"logspace needs positive endpoints (they are the values, not exponents), got {start} and {stop}");
        return new SpacedValues(site, spacing, start.Value, stop.Value, (int)count.Value);
    }

    private AxisValues? ReadDrawn(YamlNode arguments, YamlNode site, string path, Distribution distribution)
    {
        if (Arguments(arguments, path, 2, "[low, high]") is not { } items) return null;
        var (low, high) = distribution == Distribution.Integer
            ? ((double?)_numbers.ReadInteger(items[0], YamlPath.Index(path, 0), int.MinValue, int.MaxValue),
               (double?)_numbers.ReadInteger(items[1], YamlPath.Index(path, 1), int.MinValue, int.MaxValue))
            : (_numbers.ReadDouble(items[0], YamlPath.Index(path, 0)), _numbers.ReadDouble(items[1], YamlPath.Index(path, 1)));
        if (low is null || high is null) return null;
        if (distribution == Distribution.Integer ? low > high : low >= high)
            return Fail(arguments, path, $"needs low {(distribution == Distribution.Integer ? "≤" : "<")} high, got [{low}, {high}]");
        if (distribution == Distribution.LogUniform && low <= 0)
            return Fail(arguments, path, $"log_uniform needs a positive low end, got {low}");
        return new DrawnValues(site, distribution, low.Value, high.Value);
    }

    private IReadOnlyList<YamlNode>? Arguments(YamlNode node, string path, int count, string shape)
    {
        if (node is YamlSequenceNode list && list.Children.Count == count) return list.Children.ToList();
        string items = node is YamlSequenceNode other ? $" of {other.Children.Count} item{(other.Children.Count == 1 ? "" : "s")}" : "";
        _errors.At(node, path, $"expected {shape}, got {ScalarText.Describe(node)}{items}");
        return null;
    }

    private AxisValues? Fail(YamlNode node, string path, string message)
    {
        _errors.At(node, path, message);
        return null;
    }
}
