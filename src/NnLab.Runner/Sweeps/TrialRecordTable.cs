using System.Collections;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Every trial's record, held as columns of numbers without the trial's identity (id, label, parameters, run folder),
/// which never changes and is made again from its source (the sweep, or the base manifest) when a record is read. A
/// record object per trial took ~250 bytes even without its identity (nullable fields of 16 bytes each, an object
/// header, a slot): 250 MB for the 1,000,000 trials a sweep may have. Columns take what a trial has: a status byte, and
/// 8 bytes (4 for an epoch count) for each figure some trial has, a column being made when its first figure is set
/// (an XOR sweep's finished trials: ~46 bytes each). A trial no record was set for reads as its source has it (pending,
/// for a new sweep). A record is written field by field: the writer sets records under its own lock, and readers read
/// under that lock too, or once writing has ended.
/// </summary>
internal sealed class TrialRecordTable : IReadOnlyList<TrialRecord>
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>();

    /// <summary>Per trial: 0 when no record was set (its source's is current), else its status + 1.</summary>
    private readonly byte[] _status;
    private readonly bool _sourcePending;
    private readonly Columns _columns;

    /// <param name="count">How many trials.</param>
    /// <param name="source">Trial i's record as its source has it (its identity, and its state before any record is set).</param>
    /// <param name="id">Trial i's id alone (cheaper than <paramref name="source"/> when only the id is needed).</param>
    /// <param name="sourcePending">Whether every record <paramref name="source"/> makes is pending (a trial's status is then known without making it).</param>
    public TrialRecordTable(int count, Func<int, TrialRecord> source, Func<int, string> id, bool sourcePending)
        : this(new byte[count], new Columns(count), source, id, sourcePending)
    {
    }

    private TrialRecordTable(byte[] status, Columns columns, Func<int, TrialRecord> source, Func<int, string> id, bool sourcePending)
    {
        _status = status;
        _columns = columns;
        Source = source;
        Id = id;
        _sourcePending = sourcePending;
    }

    /// <summary>The records of <paramref name="records"/> as they are, read from that list (which the table keeps).</summary>
    public static TrialRecordTable Over(IReadOnlyList<TrialRecord> records) =>
        new(records.Count, i => records[i], i => records[i].Id, sourcePending: false);

    /// <summary>
    /// A table of its own holding <paramref name="records"/> as they are now: a snapshot of a table, or a table over a
    /// copy of any other list.
    /// </summary>
    public static TrialRecordTable CopyOf(IReadOnlyList<TrialRecord> records) =>
        records is TrialRecordTable table ? table.Snapshot() : Over(records.ToArray());

    /// <summary>Trial i's record as its source has it.</summary>
    public Func<int, TrialRecord> Source { get; }

    public Func<int, string> Id { get; }

    public int Count => _status.Length;

    public TrialRecord this[int index] => _status[index] == 0 ? Source(index) : WithIdentity(Row(index), Source(index));

    /// <summary>Trial <paramref name="index"/>'s status, without making its record.</summary>
    public TrialStatus Status(int index) =>
        _status[index] is var s and not 0 ? (TrialStatus)(s - 1) : _sourcePending ? TrialStatus.Pending : Source(index).Status;

    /// <summary>Replaces the trial's record (<see cref="TrialRecord.Index"/> says which); its identity is the source's.</summary>
    public void Set(TrialRecord record)
    {
        _columns.Set(record);
        _status[record.Index] = (byte)(record.Status + 1);
    }

    /// <summary>
    /// Replaces trial <paramref name="index"/>'s record with <paramref name="change"/>'s of it, which must leave its
    /// identity alone (it is given the record without it when one was set, so nothing of it is made again).
    /// </summary>
    public void Change(int index, Func<TrialRecord, TrialRecord> change) => Set(change(_status[index] == 0 ? Source(index) : Row(index)));

    /// <summary>The records as they are now: a copy that later <see cref="Set"/> calls do not change.</summary>
    public TrialRecordTable Snapshot() => new((byte[])_status.Clone(), _columns.Copy(), Source, Id, _sourcePending);

    /// <summary>Trial <paramref name="index"/>'s record as set, without its identity.</summary>
    private TrialRecord Row(int index) => _columns.Get(index, (TrialStatus)(_status[index] - 1));

    private static TrialRecord WithIdentity(TrialRecord row, TrialRecord identity) =>
        row with { Id = identity.Id, Label = identity.Label, Parameters = identity.Parameters, RunFolder = identity.RunFolder };

    public IEnumerator<TrialRecord> GetEnumerator()
    {
        for (int i = 0; i < _status.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>A record's fields besides its status and identity: a column each, as 64-bit values.</summary>
    private sealed class Columns
    {
        private enum Field { FinalCost, Accuracy, ValidationCost, BestValidationCost, ValidationAccuracy, TestCost, TestAccuracy,
            WallTime, Epochs, ResumedFrom, Started, Finished }

        private readonly OptionalColumn[] _fields;
        // Failed, diverged and cancelled trials have one: few, in a sweep that goes well.
        private readonly Dictionary<int, string> _reasons;

        public Columns(int count)
        {
            _fields = new OptionalColumn[Enum.GetValues<Field>().Length];
            for (int f = 0; f < _fields.Length; f++) _fields[f] = new OptionalColumn(count);
            _reasons = [];
        }

        private Columns(Columns from)
        {
            _fields = from._fields.Select(c => c.Copy()).ToArray();
            _reasons = new Dictionary<int, string>(from._reasons);
        }

        public Columns Copy() => new(this);

        public void Set(TrialRecord r)
        {
            int i = r.Index;
            Set(Field.FinalCost, i, r.FinalCost);
            Set(Field.Accuracy, i, r.Accuracy);
            Set(Field.ValidationCost, i, r.ValidationCost);
            Set(Field.BestValidationCost, i, r.BestValidationCost);
            Set(Field.ValidationAccuracy, i, r.ValidationAccuracy);
            Set(Field.TestCost, i, r.TestCost);
            Set(Field.TestAccuracy, i, r.TestAccuracy);
            Set(Field.WallTime, i, r.WallTimeSeconds);
            _fields[(int)Field.Epochs].Set(i, r.EpochsCompleted);
            _fields[(int)Field.ResumedFrom].Set(i, r.ResumedFromEpoch);
            // DateTime.ToBinary: its ticks with its kind.
            _fields[(int)Field.Started].Set(i, r.StartedUtc?.ToBinary());
            _fields[(int)Field.Finished].Set(i, r.FinishedUtc?.ToBinary());
            if (r.Reason is null) _reasons.Remove(i);
            else _reasons[i] = r.Reason;
        }

        public TrialRecord Get(int i, TrialStatus status) =>
            new(i, "", "", NoParameters, status, _reasons.GetValueOrDefault(i), "", Number(Field.FinalCost, i), Number(Field.Accuracy, i),
                Number(Field.ValidationCost, i), Number(Field.BestValidationCost, i), Number(Field.ValidationAccuracy, i),
                Number(Field.TestCost, i), Number(Field.TestAccuracy, i), (int?)_fields[(int)Field.Epochs][i], Number(Field.WallTime, i),
                _fields[(int)Field.Started][i] is { } started ? DateTime.FromBinary(started) : null,
                _fields[(int)Field.Finished][i] is { } finished ? DateTime.FromBinary(finished) : null,
                (int?)_fields[(int)Field.ResumedFrom][i]);

        private void Set(Field field, int i, double? value) =>
            _fields[(int)field].Set(i, value is { } v ? BitConverter.DoubleToInt64Bits(v) : null);

        private double? Number(Field field, int i) => _fields[(int)field][i] is { } bits ? BitConverter.Int64BitsToDouble(bits) : null;
    }

    /// <summary>Optional 64-bit values, one per trial; its arrays are made when its first value is set.</summary>
    private sealed class OptionalColumn(int count)
    {
        private long[]? _values;
        private ulong[]? _present;

        public long? this[int i] => _present is { } present && (present[i >> 6] & (1UL << i)) != 0 ? _values![i] : null;

        public void Set(int i, long? value)
        {
            if (value is not { } v)
            {
                if (_present is { } present) present[i >> 6] &= ~(1UL << i);
                return;
            }
            _values ??= new long[count];
            _present ??= new ulong[(count + 63) >> 6];
            _values[i] = v;
            _present[i >> 6] |= 1UL << i;
        }

        public OptionalColumn Copy() => new(count) { _values = (long[]?)_values?.Clone(), _present = (ulong[]?)_present?.Clone() };
    }
}
