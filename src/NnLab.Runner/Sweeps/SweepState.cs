using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// The sweep as its state files tell it: every trial's latest record, merged from <c>state/*.jsonl</c> over a base
/// manifest (trials.json's fixed fields, and the records of trials no state file mentions, e.g. those of a sweep run
/// before state files existed). Per trial the latest event wins, by its time, except that a completed or diverged
/// trial stays so. Reading is incremental (<see cref="Refresh"/> reads only lines added since), skips a torn last
/// line until it is complete, and keeps no cost curve in memory: only each curve's figures and where its line is, so
/// <see cref="Curve"/> can read it back when the summaries are written.
/// </summary>
internal sealed class SweepState : IDisposable
{
    private readonly string _folder;
    private readonly TrialRecordTable _records;
    private readonly Slot[] _slots;
    private readonly List<string> _files = [];
    private readonly Dictionary<string, int> _fileIndex = [];
    private readonly List<long> _consumed = [];
    private readonly Dictionary<int, FileStream> _readers = [];

    /// <remarks>
    /// A base manifest whose trials are a <see cref="TrialRecordTable"/> (a sweep run's) is read through it: the state
    /// keeps each trial's record without its identity, which the table's source gives again when a record is read.
    /// </remarks>
    public SweepState(string sweepFolder, SweepManifest baseManifest)
    {
        _folder = sweepFolder;
        _records = TrialRecordTable.CopyOf(baseManifest.Trials);
        _slots = new Slot[_records.Count];
    }

    public int Count => _slots.Length;

    public TrialRecord this[int index] => _records[index];

    /// <summary>Every trial's record as merged so far: a view that later refreshes do not change.</summary>
    public IReadOnlyList<TrialRecord> Records => _records.Snapshot();

    /// <summary>Whether some trial's curve has a validation cost (costs.csv's last column).</summary>
    public bool AnyValidationCurve { get; private set; }

    /// <summary>Reads the lines added to the state files since the last call; true when some trial changed.</summary>
    public bool Refresh()
    {
        string folder = Path.Combine(_folder, StateLog.Folder);
        if (!Directory.Exists(folder)) return false;
        bool changed = false;
        foreach (string path in Directory.EnumerateFiles(folder, "*" + StateLog.Extension).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (!_fileIndex.TryGetValue(name, out int file))
            {
                file = _files.Count;
                _files.Add(path);
                _fileIndex[name] = file;
                _consumed.Add(0);
            }
            changed |= ReadNew(file);
        }
        return changed;
    }

    private bool ReadNew(int file)
    {
        bool changed = false;
        using var stream = new FileStream(_files[file], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16);
        long position = _consumed[file];
        if (stream.Length <= position) return false;
        stream.Seek(position, SeekOrigin.Begin);
        var buffer = new byte[1 << 16];
        var line = new MemoryStream();
        long lineStart = position;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            int from = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n') continue;
                line.Write(buffer, from, i - from);
                changed |= Apply(line.GetBuffer().AsSpan(0, (int)line.Length), file, lineStart);
                position += line.Length + 1;
                lineStart = position;
                line.SetLength(0);
                from = i + 1;
            }
            line.Write(buffer, from, read - from);
        }
        // An incomplete last line is being written (or was torn by a kill): it is read again next time.
        _consumed[file] = position;
        return changed;
    }

    private bool Apply(ReadOnlySpan<byte> line, int file, long offset)
    {
        if (line.IsEmpty || StateLog.Parse(line) is not { } e) return false;
        if (e.Trial < 0 || e.Trial >= _slots.Length) return false;
        ref var slot = ref _slots[e.Trial];
        if (_records.Id(e.Trial) != e.Id || (slot.FromState && e.Utc < slot.Utc)) return false;
        // Completed or diverged stays so. A base record that is final (a resume keeps it) still takes its own final
        // event from the state, whose curve the summaries need.
        bool final = e.Status is TrialStatus.Completed or TrialStatus.Diverged;
        if (IsFinal(_records.Status(e.Trial)) && (slot.FromState || !final)) return false;
        _records.Change(e.Trial, e.Apply);
        slot.Utc = e.Utc;
        slot.FromState = true;
        slot.File = e.Curve is null ? -1 : file;
        slot.Offset = offset;
        var rows = e.CurveRows();
        slot.Initial = rows.Count > 0 ? rows[0].Cost : null;
        CostRecord? best = null;
        foreach (var row in rows)
        {
            if (double.IsFinite(row.Cost) && (best is null || row.Cost < best.Value.Cost)) best = row;
            if (row.ValidationCost is not null) AnyValidationCurve = true;
        }
        slot.BestCost = best?.Cost;
        slot.BestEpoch = best?.Epoch;
        return true;
    }

    /// <summary>Replaces every trial's merged record with <paramref name="amend"/>'s (until the next event for it).</summary>
    public void Amend(Func<TrialRecord, TrialRecord> amend)
    {
        for (int i = 0; i < _records.Count; i++) _records.Set(amend(_records[i]));
    }

    /// <summary>summary.csv's figures for trial <paramref name="index"/>.</summary>
    public TrialResult Result(int index) => ResultOf(_records[index], _slots[index]);

    /// <summary>
    /// summary.csv's figures for every trial as they are now, a view made on reading (each trial's record, with its
    /// identity, is made when asked for): a sweep's end holds one compact record per trial, not every record whole.
    /// </summary>
    public IReadOnlyList<TrialResult> Results
    {
        get
        {
            var records = _records.Snapshot();
            var slots = (Slot[])_slots.Clone();
            return new IndexedList<TrialResult>(Count, i => ResultOf(records[i], slots[i]));
        }
    }

    private TrialResult ResultOf(TrialRecord record, Slot slot)
    {
        if (slot.FromState || !record.HasEnded) return new TrialResult(record, slot.Initial, slot.BestCost, slot.BestEpoch);
        var curve = LegacyCurve(record);
        return new TrialResult(record, curve.Initial, curve.Best?.Cost, curve.Best?.Epoch);
    }

    private static bool IsFinal(TrialStatus status) => status is TrialStatus.Completed or TrialStatus.Diverged;

    /// <summary>
    /// Trial <paramref name="index"/>'s cost curve: read back from its state line, or for a trial no state file
    /// mentions, from its folder's cost.csv; empty for a trial that has not ended.
    /// </summary>
    public IReadOnlyList<CostRecord> Curve(int index)
    {
        var slot = _slots[index];
        bool ended = _records.Status(index) is not (TrialStatus.Pending or TrialStatus.Running);
        if (!slot.FromState) return ended ? LegacyCurve(_records[index]).Rows : [];
        if (slot.File < 0 || !ended) return [];
        if (!_readers.TryGetValue(slot.File, out var stream))
            _readers[slot.File] = stream = new FileStream(_files[slot.File], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 12);
        stream.Seek(slot.Offset, SeekOrigin.Begin);
        var line = new MemoryStream();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n') line.WriteByte((byte)b);
        return StateLog.Parse(line.GetBuffer().AsSpan(0, (int)line.Length))?.CurveRows() ?? [];
    }

    /// <summary>Legacy trials (no state file mentions them) keep their curve in their run folder.</summary>
    public bool AnyLegacyValidationCurve() =>
        Enumerable.Range(0, Count).Any(i => !_slots[i].FromState && _records[i] is { HasEnded: true } record
            && LegacyCurve(record).Rows.Any(r => r.ValidationCost is not null));

    private TrialCurve LegacyCurve(TrialRecord record) => TrialCurve.Read(Path.Combine(_folder, record.RunFolder, RunFiles.Costs));

    public void Dispose()
    {
        foreach (var stream in _readers.Values) stream.Dispose();
        _readers.Clear();
    }

    /// <summary>What the merge keeps of a trial besides its record: where its latest state line is, and its curve's figures.</summary>
    private struct Slot
    {
        public DateTime Utc;
        public bool FromState;
        public int File;
        public long Offset;
        public double? Initial;
        public double? BestCost;
        public int? BestEpoch;
    }
}
