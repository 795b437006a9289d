using NnLab.Numerics;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>An axis ready to combine: its values as YAML nodes, or a distribution random mode draws from.</summary>
internal sealed class Axis
{
    private readonly DrawnValues? _distribution;
    private readonly bool _integerKey;
    private readonly NumberNodes _numbers;

    public Axis(AxisSpec spec, IReadOnlyList<YamlNode> values, DrawnValues? distribution, bool integerKey, NumberNodes numbers)
    {
        Spec = spec;
        Values = values;
        _distribution = distribution;
        _integerKey = integerKey;
        _numbers = numbers;
    }

    public AxisSpec Spec { get; }

    /// <summary>The finite values in order; empty for a distribution.</summary>
    public IReadOnlyList<YamlNode> Values { get; }

    /// <summary>
    /// One value from <paramref name="random"/>, drawn as numpy's legacy RandomState would: a list index by
    /// <c>randint(0, n)</c>, <c>uniform(low, high)</c>, <c>exp(uniform(ln low, ln high))</c>, <c>randint(low, high + 1)</c>.
    /// Each draw takes exactly one of these, so axes never disturb each other's sequence.
    /// </summary>
    public YamlNode Draw(NumpyRandomState random)
    {
        if (_distribution is not { } d) return Values[(int)random.NextBounded((uint)(Values.Count - 1))];
        return d.Distribution switch
        {
            Distribution.Uniform => _numbers.For(d.Low + (d.High - d.Low) * random.NextUniform(), _integerKey, d.Site),
            Distribution.LogUniform => _numbers.For(LogUniform(d.Low, d.High, random.NextUniform()), _integerKey, d.Site),
            _ => _numbers.Integer((long)d.Low + random.NextBounded((uint)(d.High - d.Low)), d.Site),
        };
    }

    private static double LogUniform(double low, double high, double u)
    {
        double a = Math.Log(low);
        return Math.Exp(a + (Math.Log(high) - a) * u);
    }
}
