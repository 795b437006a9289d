using System.Collections;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Every trial's record, each held without its identity (id, label, parameters, run folder), which never changes and
/// is made again from its source (the sweep, or the base manifest) when a record is read. A record's identity is
/// about 400 bytes of strings, the rest about 240: a 100,000-trial sweep's records took 69 MB held whole. A trial no
/// record was set for reads as its source has it (pending, for a new sweep). Reads are safe from any thread; a writer
/// sets records under its own lock.
/// </summary>
internal sealed class TrialRecordTable : IReadOnlyList<TrialRecord>
{
    private static readonly IReadOnlyDictionary<string, string> NoParameters = new Dictionary<string, string>();

    private readonly TrialRecord?[] _rows;
    private readonly bool _sourcePending;

    /// <param name="count">How many trials.</param>
    /// <param name="source">Trial i's record as its source has it (its identity, and its state before any record is set).</param>
    /// <param name="id">Trial i's id alone (cheaper than <paramref name="source"/> when only the id is needed).</param>
    /// <param name="sourcePending">Whether every record <paramref name="source"/> makes is pending (a trial's status is then known without making it).</param>
    public TrialRecordTable(int count, Func<int, TrialRecord> source, Func<int, string> id, bool sourcePending)
        : this(new TrialRecord?[count], source, id, sourcePending)
    {
    }

    private TrialRecordTable(TrialRecord?[] rows, Func<int, TrialRecord> source, Func<int, string> id, bool sourcePending)
    {
        _rows = rows;
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

    public int Count => _rows.Length;

    public TrialRecord this[int index] => _rows[index] is { } row ? WithIdentity(row, Source(index)) : Source(index);

    /// <summary>Trial <paramref name="index"/>'s status, without making its record.</summary>
    public TrialStatus Status(int index) =>
        _rows[index]?.Status ?? (_sourcePending ? TrialStatus.Pending : Source(index).Status);

    /// <summary>Replaces the trial's record (<see cref="TrialRecord.Index"/> says which); its identity is the source's.</summary>
    public void Set(TrialRecord record) =>
        _rows[record.Index] = record with { Id = "", Label = "", Parameters = NoParameters, RunFolder = "" };

    /// <summary>
    /// Replaces trial <paramref name="index"/>'s record with <paramref name="change"/>'s of it, which must leave its
    /// identity alone (it is given the record without it when one was set, so nothing of it is made again).
    /// </summary>
    public void Change(int index, Func<TrialRecord, TrialRecord> change) => Set(change(_rows[index] ?? Source(index)));

    /// <summary>The records as they are now: a copy that later <see cref="Set"/> calls do not change.</summary>
    public TrialRecordTable Snapshot() => new((TrialRecord?[])_rows.Clone(), Source, Id, _sourcePending);

    private static TrialRecord WithIdentity(TrialRecord row, TrialRecord identity) =>
        row with { Id = identity.Id, Label = identity.Label, Parameters = identity.Parameters, RunFolder = identity.RunFolder };

    public IEnumerator<TrialRecord> GetEnumerator()
    {
        for (int i = 0; i < _rows.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
