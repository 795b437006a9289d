using Microsoft.Extensions.Logging;
using NnLab.Numerics;
using NnLab.Runner.Logging;
using NnLab.Runner.Output;
using NnLab.Training;

namespace NnLab.Runner.Recording;

/// <summary>
/// Keeps every recorded (epoch, cost), appends each to cost.csv as it is recorded (when given the file) and logs each
/// as a structured event. The list is sized up front from the training settings. Costs are kept as the run reports
/// them (<see cref="ReportedNumber"/>: a float32 run's costs as floats).
/// </summary>
internal sealed class CostRecorder : ITrainingObserver
{
    // Beyond this many rows the list grows as usual: a billion-epoch run must not reserve gigabytes up front.
    private const int MaxPreallocatedRows = 1 << 20;

    private readonly List<CostRecord> _rows;
    private readonly ILogger _logger;
    private readonly Precision _precision;
    private readonly CsvAppender? _file;

    public CostRecorder(TrainingSettings settings, ILogger logger, Precision precision, CsvAppender? file = null,
        IEnumerable<CostRecord>? earlier = null)
    {
        _rows = new List<CostRecord>(ExpectedRows(settings));
        if (earlier is not null) _rows.AddRange(earlier);
        _logger = logger;
        _precision = precision;
        _file = file;
    }

    public IReadOnlyList<CostRecord> Rows => _rows;

    /// <summary>cost.csv, when the recorder writes it.</summary>
    public CsvAppender? File => _file;

    public void OnCostRecorded(int epoch, double cost)
    {
        cost = ReportedNumber.In(_precision, cost);
        _rows.Add(new CostRecord(epoch, cost));
        if (_file is not null) CostCsv.Append(_file, epoch, cost, _precision);
        _logger.EpochCost(epoch, cost);
    }

    /// <summary>Epochs 0, L, 2L, ... below the total, plus the last epoch (capped).</summary>
    internal static int ExpectedRows(TrainingSettings settings)
    {
        if (settings.Epochs <= 0) return 0;
        long rows = (settings.Epochs - 1L) / Math.Max(1, settings.LogEvery) + 2;
        return (int)Math.Min(rows, MaxPreallocatedRows);
    }
}
