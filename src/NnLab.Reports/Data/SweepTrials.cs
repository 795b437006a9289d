using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace NnLab.Reports.Data;

/// <summary>
/// A sweep's trials as columns of numbers, about 60 bytes a trial (100,000 trials held as objects with a parameter
/// dictionary, their texts and their curves took ~2.5 KB each): the numbers the report computes with, each parameter as
/// a number (<see cref="ParameterColumn"/>), and where each trial's record starts in trials.json, to read its texts again.
/// </summary>
internal sealed class SweepTrials : IReadOnlyList<SweepTrial>
{
    [Flags]
    private enum Marks : byte
    {
        HasCurve = 1,
        LongCurve = 2,
        CurveFalling = 4,
        SummaryFalling = 8,
        SummaryInitial = 16,
    }

    // Each trial's index, or null while every index is the trial's position (always, in a sweep NnLab wrote): 4 bytes a trial spared.
    private int[]? _index;
    private long[] _offset = [];
    private byte[] _status = [];
    private Marks[] _marks = [];
    private double[] _finalCost = [];
    private double[] _initialCost = [];
    private readonly NumberColumn _accuracy = new(), _epochs = new(), _validation = new();
    private readonly Dictionary<string, ParameterColumn> _parameters = new(StringComparer.Ordinal);
    private readonly List<string> _parameterNames = [];
    private readonly List<string> _statuses = ["completed", "diverged", "failed", "cancelled", "pending", "running", "crashed", "preempted"];
    private Dictionary<int, int>? _positionOfIndex;

    public int Count { get; private set; }

    public SweepTrial this[int position] => (uint)position < (uint)Count ? new(this, position) : throw new ArgumentOutOfRangeException(nameof(position));

    /// <summary>The parameter names in the order the trials first have them.</summary>
    public IReadOnlyList<string> ParameterNames => _parameterNames;

    /// <summary>Whether some trial has a validation cost.</summary>
    public bool HasValidation => _validation.Any;

    /// <summary>The trials' wall times added up in their order (those that have one).</summary>
    public double TotalWallTimeSeconds { get; private set; }

    /// <summary>The earliest start of a trial, or null when none started.</summary>
    public DateTimeOffset? FirstStarted { get; private set; }

    /// <summary>Adds the trial trials.json holds at <paramref name="offset"/>.</summary>
    public void Add(JsonElement trial, long offset)
    {
        int p = Count;
        Grow(p + 1);
        SetIndex(p, trial.GetProperty("index").GetInt32());
        _offset[p] = offset;
        if (trial.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object)
            foreach (var parameter in parameters.EnumerateObject()) Column(parameter.Name).Set(p, parameter.Value.ToString());
        _status[p] = StatusCode(Text(trial, "status") ?? "pending");
        _marks[p] = 0;
        _finalCost[p] = RunSummaryData.Number(trial, "final_cost") ?? double.NaN;
        _initialCost[p] = double.NaN;
        _accuracy.Set(p, RunSummaryData.Number(trial, "accuracy"));
        _epochs.Set(p, RunSummaryData.Number(trial, "epochs_completed"));
        if (RunSummaryData.Number(trial, "wall_time_seconds") is { } wall) TotalWallTimeSeconds += wall;
        if (DateTimeOffset.TryParse(Text(trial, "started_utc"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var started)
            && (FirstStarted is null || started < FirstStarted)) FirstStarted = started;
        Count = p + 1;
    }

    /// <summary>summary.csv's numbers of a trial: its initial cost, best epoch and validation cost (NaN when it has none).</summary>
    public void SetSummary(int position, double initialCost, double bestEpoch, double validationCost)
    {
        _initialCost[position] = initialCost;
        Mark(position, Marks.SummaryInitial, !double.IsNaN(initialCost));
        Mark(position, Marks.SummaryFalling, !double.IsNaN(bestEpoch) && EpochsAt(position) is { } e && bestEpoch >= e - 1);
        _validation.Set(position, double.IsNaN(validationCost) ? null : validationCost);
    }

    /// <summary>What costs.csv's curve of a trial tells: it has one, whether it was still falling, its first cost.</summary>
    public void SetCurve(int position, ReadOnlySpan<double> epochs, ReadOnlySpan<double> costs)
    {
        Mark(position, Marks.HasCurve, true);
        Mark(position, Marks.LongCurve, costs.Length >= 3);
        Mark(position, Marks.CurveFalling, Curve.StillFalling(epochs, costs));
        if ((_marks[position] & Marks.SummaryInitial) == 0) _initialCost[position] = costs[0];
    }

    /// <summary>
    /// Makes room for <paramref name="capacity"/> trials in one step, every column, when their number is known ahead
    /// (estimated from the file's length): growing by doubling left the arrays of every smaller size behind as garbage
    /// and up to twice the room needed, and trimming that copied them all again (~200 bytes a trial at the peak, where the
    /// columns hold ~70).
    /// </summary>
    public void Reserve(int capacity)
    {
        if (capacity <= _offset.Length) return;
        Resize(capacity);
        foreach (var column in new[] { _accuracy, _epochs, _validation }) column.Reserve(capacity);
        foreach (var column in _parameters.Values) column.Reserve(capacity);
    }

    /// <summary>Frees the room grown ahead of the trials, once all are read, when it is more than an eighth of them: a copy costs more than that.</summary>
    public void Trim()
    {
        if (IsWasteful(_offset.Length, Count)) Resize(Count);
        foreach (var column in new[] { _accuracy, _epochs, _validation }) column.Trim(Count);
        foreach (var column in _parameters.Values) column.Trim(Count);
    }

    /// <summary>Whether an array of <paramref name="length"/> holding <paramref name="count"/> items is worth copying into one of their size.</summary>
    internal static bool IsWasteful(int length, int count) => length - count > count / 8;

    private void Resize(int capacity)
    {
        if (_index is not null) Array.Resize(ref _index, capacity);
        Array.Resize(ref _offset, capacity);
        Array.Resize(ref _status, capacity);
        Array.Resize(ref _marks, capacity);
        Array.Resize(ref _finalCost, capacity);
        Array.Resize(ref _initialCost, capacity);
    }

    /// <summary>
    /// The position of the trial numbered <paramref name="index"/> (the last one so numbered): the number itself when the
    /// indexes are the positions (they always are in a sweep NnLab wrote), through a dictionary otherwise.
    /// </summary>
    public bool TryPosition(double index, out int position)
    {
        if (_index is null)
        {
            bool found = index >= 0 && index < Count && index == Math.Floor(index);
            position = found ? (int)index : -1;
            return found;
        }
        if (_positionOfIndex is null)
        {
            _positionOfIndex = new Dictionary<int, int>();
            for (int p = 0; p < Count; p++) _positionOfIndex[_index[p]] = p;
        }
        return _positionOfIndex.TryGetValue((int)index, out position) && index == Math.Floor(index);
    }

    public int IndexAt(int position) => _index is null ? position : _index[position];

    /// <summary>Records a trial's index: an array of them only from the first that is not its position.</summary>
    private void SetIndex(int position, int index)
    {
        if (_index is null && index == position) return;
        if (_index is null)
        {
            _index = new int[_offset.Length];
            for (int p = 0; p < position; p++) _index[p] = p;
        }
        _index[position] = index;
    }
    public long OffsetAt(int position) => _offset[position];
    public string StatusAt(int position) => _statuses[_status[position]];
    public double FinalCostAt(int position) => _finalCost[position];
    public double InitialCostAt(int position) => _initialCost[position];
    public double? AccuracyAt(int position) => _accuracy[position];
    public double? EpochsAt(int position) => _epochs[position];
    public double ValidationCostAt(int position) => _validation[position] ?? double.NaN;
    public bool HasCurveAt(int position) => (_marks[position] & Marks.HasCurve) != 0;

    public bool FallingAt(int position) =>
        (_marks[position] & Marks.LongCurve) != 0 ? (_marks[position] & Marks.CurveFalling) != 0 : (_marks[position] & Marks.SummaryFalling) != 0;

    public ParameterValue? ParameterAt(string name, int position) => _parameters.TryGetValue(name, out var column) ? column[position] : null;

    /// <summary>The parameter's column, or null when no trial has it.</summary>
    public ParameterColumn? ColumnOf(string name) => _parameters.GetValueOrDefault(name);

    public IEnumerator<SweepTrial> GetEnumerator()
    {
        for (int p = 0; p < Count; p++) yield return new SweepTrial(this, p);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private ParameterColumn Column(string name)
    {
        if (_parameters.TryGetValue(name, out var column)) return column;
        _parameterNames.Add(name);
        column = new ParameterColumn();
        if (_offset.Length > 16) column.Reserve(_offset.Length);
        return _parameters[name] = column;
    }

    private byte StatusCode(string status)
    {
        int code = _statuses.IndexOf(status);
        if (code >= 0) return (byte)code;
        if (_statuses.Count > byte.MaxValue) throw new InvalidDataException($"trials.json has more than {byte.MaxValue + 1} distinct trial statuses");
        _statuses.Add(status);
        return (byte)(_statuses.Count - 1);
    }

    private void Mark(int position, Marks mark, bool on) => _marks[position] = on ? _marks[position] | mark : _marks[position] & ~mark;

    private static string? Text(JsonElement trial, string name) =>
        trial.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private void Grow(int count)
    {
        if (count <= _offset.Length) return;
        Resize(Math.Max(count, Math.Max(16, _offset.Length * 2)));
    }
}
