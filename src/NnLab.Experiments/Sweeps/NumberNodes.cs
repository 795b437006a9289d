using System.Globalization;
using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Makes the YAML scalars of generated values (ranges, draws, repeat seeds). Each is registered at the place in
/// the sweep block it came from, so a value the experiment rejects is reported there.
/// </summary>
internal sealed class NumberNodes(NodeLocations locations)
{
    /// <summary>A number in its shortest round-trip form (<c>0.05</c>, <c>1e-05</c>).</summary>
    public YamlScalarNode Number(double value, YamlNode site) => At(YamlScalarFormatter.Format(value), site);

    public YamlScalarNode Integer(long value, YamlNode site) => At(value.ToString(CultureInfo.InvariantCulture), site);

    /// <summary>A generated value for a key of integer type is rounded to the nearest integer (halves away from zero).</summary>
    public YamlScalarNode For(double value, bool integerKey, YamlNode site) =>
        integerKey && Math.Abs(value) < long.MaxValue ? Integer((long)Math.Round(value, MidpointRounding.AwayFromZero), site) : Number(value, site);

    private YamlScalarNode At(string text, YamlNode site)
    {
        var node = new YamlScalarNode(text);
        locations.Register(node, locations.Of(site));
        return node;
    }
}
