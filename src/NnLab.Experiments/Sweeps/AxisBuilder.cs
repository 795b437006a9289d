using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Turns each axis as written into the values it takes, now that the base experiment tells which keys are
/// integers: a range over an integer key is rounded, and must not round two points to the same integer.
/// </summary>
internal sealed class AxisBuilder(ErrorCollector errors)
{
    private readonly NumberNodes _numbers = new(errors.Locations);

    public IReadOnlyList<Axis>? Build(IReadOnlyList<AxisSpec> specs, Experiment baseExperiment)
    {
        var axes = new List<Axis>();
        foreach (var spec in specs)
            if (Build(spec, AxisKeyType.IsInteger(baseExperiment, spec.Segments)) is { } axis) axes.Add(axis);
        return axes.Count == specs.Count ? axes : null;
    }

    private Axis? Build(AxisSpec spec, bool integerKey) => spec.Values switch
    {
        ListValues list => new Axis(spec, list.Items, null, integerKey, errors.Locations),
        SpacedValues spaced => Spaced(spec, spaced, integerKey),
        DrawnValues drawn => new Axis(spec, [], drawn, integerKey, errors.Locations),
        _ => throw new InvalidOperationException($"unknown axis values {spec.Values.GetType().Name}"),
    };

    private Axis? Spaced(AxisSpec spec, SpacedValues spaced, bool integerKey)
    {
        var points = spaced.Spacing == Spacing.Linear
            ? NumberSpacing.Linear(spaced.Start, spaced.Stop, spaced.Points)
            : NumberSpacing.Geometric(spaced.Start, spaced.Stop, spaced.Points);
        var nodes = points.Select(p => (YamlNode)_numbers.For(p, integerKey, spaced.Site)).ToList();
        var texts = nodes.Select(n => ((YamlScalarNode)n).Value).ToList();
        if (integerKey && texts.Distinct().Count() < texts.Count)
        {
            errors.At(spaced.Site, spec.Path,
                $"'{spec.Path}' takes integers, and these {texts.Count} points round to repeated values ({string.Join(", ", texts)}); use fewer points or a wider range");
            return null;
        }
        return new Axis(spec, nodes, null, integerKey, errors.Locations);
    }
}
