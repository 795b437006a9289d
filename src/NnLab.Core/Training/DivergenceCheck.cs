using System.Globalization;
using System.Runtime.CompilerServices;

namespace NnLab.Training;

/// <summary>
/// Decides, from each epoch's cost, whether training has diverged: the cost is NaN or infinite, or it has grown
/// past <c>factor</c> × the first epoch's cost. The bound catches a run that explodes geometrically (a learning
/// rate past the stability limit) a few epochs in, long before the cost overflows, so a sweep does not spend the
/// whole epoch budget on it. It costs one comparison per epoch.
/// </summary>
public sealed class DivergenceCheck
{
    private readonly double _factor;
    private double _bound = double.PositiveInfinity;
    private bool _started;

    /// <param name="factor">The growth bound; 0 (or less) keeps only the non-finite test.</param>
    public DivergenceCheck(double factor) => _factor = factor;

    /// <summary>The first epoch's cost, which the bound is taken from; null before the first check.</summary>
    public double? FirstCost { get; private set; }

    /// <summary>Continues a check that saw <paramref name="firstCost"/> first (a resumed run): the same bound, to the bit.</summary>
    public void Resume(double firstCost)
    {
        (_started, FirstCost, _bound) = (true, firstCost, double.PositiveInfinity);
        if (_factor > 0 && firstCost > 0) _bound = _factor * firstCost;
    }

    /// <summary>Null while training is sound; otherwise why it diverged ("cost became NaN").</summary>
    /// <remarks>Every epoch asks: the sound case, a finite cost within the bound, is a test inlined into the loop.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public string? Check(double cost) => _started && double.IsFinite(cost) && !(cost > _bound) ? null : CheckFirstOrUnsound(cost);

    private string? CheckFirstOrUnsound(double cost)
    {
        if (!double.IsFinite(cost)) return $"cost became {Text(cost)}";
        if (!_started)
        {
            _started = true;
            FirstCost = cost;
            // A first cost of 0 is a perfect fit: any rounding noise would be "infinitely" larger, so no bound.
            if (_factor > 0 && cost > 0) _bound = _factor * cost;
            return null;
        }
        return cost > _bound ? $"cost {Text(cost)} exceeded {Text(_factor)} × the first epoch's cost {Text(_bound / _factor)}" : null;
    }

    private static string Text(double value) => value.ToString("G6", CultureInfo.InvariantCulture).Replace("E", "e");
}
