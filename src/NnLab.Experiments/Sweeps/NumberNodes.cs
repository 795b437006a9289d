using System.Globalization;
using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Makes the YAML scalars of generated values (ranges, draws, repeat seeds). Each is registered at the place in
/// the sweep block it came from, so a value the experiment rejects is reported there. The texts are apart from the
/// nodes so a trial's label and parameters can be shown without making (and locating) a node.
/// </summary>
internal sealed class NumberNodes(NodeLocations locations)
{
    /// <summary>A number in its shortest round-trip form (<c>0.05</c>, <c>1e-05</c>).</summary>
    public static string NumberText(double value) => YamlScalarFormatter.Format(value);

    public static string IntegerText(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A generated value for a key of integer type is rounded to the nearest integer (halves away from zero).</summary>
    public static string Text(double value, bool integerKey) =>
        integerKey && Math.Abs(value) < long.MaxValue ? IntegerText((long)Math.Round(value, MidpointRounding.AwayFromZero)) : NumberText(value);

    public YamlScalarNode Integer(long value, YamlNode site) => At(IntegerText(value), site);

    public YamlScalarNode For(double value, bool integerKey, YamlNode site) => At(Text(value, integerKey), site);

    /// <summary>A plain scalar of <paramref name="text"/>, located at <paramref name="site"/>.</summary>
    public YamlScalarNode At(string text, YamlNode site)
    {
        var node = new YamlScalarNode(text);
        locations.Register(node, locations.Of(site));
        return node;
    }
}
