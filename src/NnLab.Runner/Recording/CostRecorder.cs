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
    private ValidationScore? _validation;

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
        var row = new CostRecord(epoch, cost);
        if (_validation is { } score)
            row = row with
            {
                ValidationCost = ReportedNumber.In(_precision, score.Cost),
                ValidationAccuracy = score.Accuracy,
                ValidationMae = score.MeanAbsoluteError is { } mae ? ReportedNumber.In(_precision, mae) : null,
            };
        _validation = null;
        _rows.Add(row);
        if (_file is not null) CostCsv.Append(_file, row, _precision);
        _logger.EpochCost(epoch, cost);
        if (row.ValidationCost is { } validationCost)
            _logger.ValidationScore(epoch, validationCost, row.ValidationAccuracy, row.ValidationMae);
    }

    // The trainer reports an epoch's validation score just before its cost: the row is written whole.
    public void OnValidationRecorded(int epoch, ValidationScore score) => _validation = score;

    /// <summary>Epochs 0, L, 2L, ... below the total, plus the last epoch (capped).</summary>
    internal static int ExpectedRows(TrainingSettings settings)
    {
        if (settings.Epochs <= 0) return 0;
        long rows = (settings.Epochs - 1L) / Math.Max(1, settings.LogEvery) + 2;
        return (int)Math.Min(rows, MaxPreallocatedRows);
    }
}
