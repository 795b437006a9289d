using NnLab.Experiments.Loading;
using NnLab.Numerics;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// An axis ready to combine: its values as YAML nodes, or a distribution random mode draws from. A trial's value
/// on the axis is a <em>choice</em>: the index of one of <see cref="Values"/>, or for a distribution the number
/// drawn (a double holds both exactly). A sweep keeps only the choices; a drawn value becomes a YAML node only while
/// its trial loads, so the node and its location are forgotten with the trial's.
/// </summary>
internal sealed class Axis
{
    private readonly DrawnValues? _distribution;
    private readonly bool _integerKey;
    private readonly NumberNodes _numbers;
    private readonly NodeLocations _locations;
    private readonly string[] _texts;

    public Axis(AxisSpec spec, IReadOnlyList<YamlNode> values, DrawnValues? distribution, bool integerKey, NodeLocations locations)
    {
        Spec = spec;
        Values = values;
        _distribution = distribution;
        _integerKey = integerKey;
        _locations = locations;
        _numbers = new NumberNodes(locations);
        _texts = values.Select(YamlFlowText.Of).ToArray();
    }

    public AxisSpec Spec { get; }

    /// <summary>The finite values in order; empty for a distribution.</summary>
    public IReadOnlyList<YamlNode> Values { get; }

    /// <summary>
    /// One choice from <paramref name="random"/>, drawn as numpy's legacy RandomState would: a list index by
    /// <c>randint(0, n)</c>, <c>uniform(low, high)</c>, <c>exp(uniform(ln low, ln high))</c>, <c>randint(low, high + 1)</c>.
    /// Each draw takes exactly one of these, so axes never disturb each other's sequence.
    /// </summary>
    public double Draw(NumpyRandomState random)
    {
        if (_distribution is not { } d) return random.NextBounded((uint)(Values.Count - 1));
        return d.Distribution switch
        {
            Distribution.Uniform => d.Low + (d.High - d.Low) * random.NextUniform(),
            Distribution.LogUniform => LogUniform(d.Low, d.High, random.NextUniform()),
            _ => (long)d.Low + random.NextBounded((uint)(d.High - d.Low)),
        };
    }

    /// <summary>The value of <paramref name="choice"/> as one-line YAML (<see cref="YamlFlowText"/>).</summary>
    public string Text(double choice) => _distribution switch
    {
        null => _texts[(int)choice],
        { Distribution: Distribution.Integer } => NumberNodes.IntegerText((long)choice),
        _ => NumberNodes.Text(choice, _integerKey),
    };

    /// <summary>
    /// A new node of the value of <paramref name="choice"/>, for one trial's tree to own (an override may edit it in
    /// place), located where the value is written.
    /// </summary>
    public YamlNode Node(double choice) => _distribution is { } d
        ? _numbers.At(Text(choice), d.Site)
        : YamlNodeCopy.Of(Values[(int)choice], _locations);

    private static double LogUniform(double low, double high, double u)
    {
        double a = Math.Log(low);
        return Math.Exp(a + (Math.Log(high) - a) * u);
    }
}
