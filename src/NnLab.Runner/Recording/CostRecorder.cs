using Microsoft.Extensions.Logging;
using NnLab.Numerics;
using NnLab.Runner.Logging;
using NnLab.Runner.Output;
using NnLab.Training;

namespace NnLab.Runner.Recording;

/// <summary>
/// Keeps every recorded (epoch, cost) for cost.csv and logs each as a structured event. The list is sized up
/// front from the training settings so recording does not allocate while training runs. Costs are kept as the run
/// reports them (<see cref="ReportedNumber"/>: a float32 run's costs as floats).
/// </summary>
internal sealed class CostRecorder : ITrainingObserver
{
    // Beyond this many rows the list grows as usual: a billion-epoch run must not reserve gigabytes up front.
    private const int MaxPreallocatedRows = 1 << 20;

    private readonly List<CostRecord> _rows;
    private readonly ILogger _logger;
    private readonly Precision _precision;

    public CostRecorder(TrainingSettings settings, ILogger logger, Precision precision)
    {
        _rows = new List<CostRecord>(ExpectedRows(settings));
        _logger = logger;
        _precision = precision;
    }

    public IReadOnlyList<CostRecord> Rows => _rows;

    public void OnCostRecorded(int epoch, double cost)
    {
        cost = ReportedNumber.In(_precision, cost);
        _rows.Add(new CostRecord(epoch, cost));
        _logger.EpochCost(epoch, cost);
    }

    public void OnValidationRecorded(int epoch, ValidationScore score)
    {
        double cost = ReportedNumber.In(_precision, score.Cost);
        _rows[^1] = _rows[^1] with { ValidationCost = cost, ValidationAccuracy = score.Accuracy, ValidationMae = score.MeanAbsoluteError };
        _logger.ValidationScore(epoch, cost, score.Accuracy, score.MeanAbsoluteError);
    }

    /// <summary>Epochs 0, L, 2L, ... below the total, plus the last epoch (capped).</summary>
    internal static int ExpectedRows(TrainingSettings settings)
    {
        if (settings.Epochs <= 0) return 0;
        long rows = (settings.Epochs - 1L) / Math.Max(1, settings.LogEvery) + 2;
        return (int)Math.Min(rows, MaxPreallocatedRows);
    }
}
