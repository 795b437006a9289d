using NnLab.Runner.Recording;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// The sweep as its state files tell it: every trial's latest record, merged from <c>state/*.jsonl</c> over a base
/// manifest (trials.json's fixed fields, and the records of trials no state file mentions, e.g. those of a sweep run
/// before state files existed). Per trial the latest event wins, by its time, except that a completed or diverged
/// trial stays so. Reading is incremental (<see cref="Refresh"/> reads only lines added since), skips a torn last
/// line until it is complete, and keeps no cost curve in memory: only where each trial's line is, so <see cref="Curve"/>
/// can read it back when the summaries are written (and with it the curve's figures, <see cref="Result"/>). Per trial it
/// holds its record's columns (<see cref="TrialRecordTable"/>) and a 16-byte slot: ~66 bytes for a finished XOR trial.
/// </summary>
internal sealed class SweepState : IDisposable
{
    private readonly string _folder;
    private readonly TrialRecordTable _records;
    private readonly Slot[] _slots;
    private readonly List<string> _files = [];
    private readonly Dictionary<string, int> _fileIndex = [];
    private readonly List<long> _consumed = [];
    // Per thread: the summaries and costs.csv read curves back on two threads at once.
    private readonly ThreadLocal<Dictionary<int, FileStream>> _readers = new(() => [], trackAllValues: true);
    private List<int>? _changed;
    private bool _disposed;

    /// <remarks>
    /// A base manifest whose trials are a <see cref="TrialRecordTable"/> (a sweep run's) is read through it: the state
    /// keeps each trial's record without its identity, which the table's source gives again when a record is read.
    /// </remarks>
    public SweepState(string sweepFolder, SweepManifest baseManifest)
        : this(sweepFolder, TrialRecordTable.CopyOf(baseManifest.Trials))
    {
    }

    private SweepState(string sweepFolder, TrialRecordTable records)
    {
        _folder = sweepFolder;
        _records = records;
        _slots = new Slot[_records.Count];
    }

    /// <summary>
    /// The state over <paramref name="records"/> itself, which it changes from here on (the caller hands them over: a
    /// copy of a large sweep's records would hold them twice).
    /// </summary>
    public static SweepState Taking(string sweepFolder, TrialRecordTable records) => new(sweepFolder, records);

    public int Count => _slots.Length;

    public TrialRecord this[int index] => _records[index];

    /// <summary>Every trial's record as merged: the state's own, which later refreshes and amendments change.</summary>
    public IReadOnlyList<TrialRecord> Records => _records;

    /// <summary>Whether some trial's curve has a validation cost (costs.csv's last column).</summary>
    public bool AnyValidationCurve { get; private set; }

    /// <summary>
    /// Reads the lines added to the state files since the last call; true when some trial changed, and each trial that
    /// did is added to <paramref name="trials"/> (once per event that changed it).
    /// </summary>
    public bool Refresh(List<int>? trials = null)
    {
        _changed = trials;
        string folder = Path.Combine(_folder, StateLog.Folder);
        if (!Directory.Exists(folder)) return false;
        bool changed = false;
        foreach (string path in Directory.EnumerateFiles(folder, "*" + StateLog.Extension).Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (!_fileIndex.TryGetValue(name, out int file))
            {
                file = _files.Count;
                if (file > Slot.MaxFile)
                    throw new SweepFolderException($"the sweep in '{_folder}' has more than {Slot.MaxFile + 1} state files: more than one merge can tell apart");
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
        using var stream = Open(file, 1 << 16);
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
        if (line.IsEmpty || StateLine.Read(line, out var curve) is not { } e) return false;
        if (e.Trial < 0 || e.Trial >= _slots.Length) return false;
        ref var slot = ref _slots[e.Trial];
        if (_records.Id(e.Trial) != e.Id || (slot.FromState && e.Utc.Ticks < slot.UtcTicks)) return false;
        // Completed or diverged stays so. A base record that is final (a resume keeps it) still takes its own final
        // event from the state, whose curve the summaries need.
        bool final = e.Status is TrialStatus.Completed or TrialStatus.Diverged;
        if (IsFinal(_records.Status(e.Trial)) && (slot.FromState || !final)) return false;
        _records.Change(e.Trial, e.Apply);
        slot.UtcTicks = e.Utc.Ticks;
        slot.Place(curve == CurveShape.None ? Slot.NoCurve : Slot.FirstFile + file, offset);
        AnyValidationCurve |= curve == CurveShape.WithValidation;
        _changed?.Add(e.Trial);
        return true;
    }

    /// <summary>Replaces every trial's merged record with <paramref name="amend"/>'s (until the next event for it).</summary>
    public void Amend(Func<TrialRecord, TrialRecord> amend)
    {
        for (int i = 0; i < _records.Count; i++) _records.Set(amend(_records[i]));
    }

    /// <summary>
    /// summary.csv's figures for trial <paramref name="index"/>: its record, and its curve's figures, read back with
    /// the curve (a merge keeps where each curve is, not its figures: 24 bytes a trial fewer).
    /// </summary>
    public TrialResult Result(int index)
    {
        var record = _records[index];
        var curve = TrialCurve.Of(Curve(index));
        return new TrialResult(record, curve.Initial, curve.Best?.Cost, curve.Best?.Epoch);
    }

    /// <summary>
    /// summary.csv's figures for every trial, a view made on reading (each trial's record, with its identity, and its
    /// curve's figures when asked for): it changes with later refreshes.
    /// </summary>
    public IReadOnlyList<TrialResult> Results => new IndexedList<TrialResult>(Count, Result);

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
        if (slot.Line == Slot.NoCurve || !ended) return [];
        int file = slot.Line - Slot.FirstFile;
        // Read after disposal (an outcome's results are a view of the state), the file is opened for this read alone.
        var stream = _disposed ? Open(file, 1 << 12) : Reader(file);
        try
        {
            var curve = StateLine.ReadCurve(ReadLine(stream, slot.Offset)) ?? [];
            // A thread keeps its buffer for the next curve, but not one grown for a rare long curve.
            if (t_line!.Length > MaxKeptLine) t_line = null;
            return curve;
        }
        finally
        {
            if (_disposed) stream.Dispose();
        }
    }

    /// <summary>The line at <paramref name="offset"/> without its newline (to the end of the file for a torn last line).</summary>
    private static ReadOnlySpan<byte> ReadLine(FileStream stream, long offset)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = t_line ??= new byte[1 << 12];
        int length = 0;
        while (true)
        {
            if (length == buffer.Length) Array.Resize(ref t_line, buffer.Length * 2);
            buffer = t_line;
            int read = stream.Read(buffer, length, buffer.Length - length);
            int newline = buffer.AsSpan(length, read).IndexOf((byte)'\n');
            if (newline >= 0) return buffer.AsSpan(0, length + newline);
            if (read == 0) return buffer.AsSpan(0, length);
            length += read;
        }
    }

    /// <summary>Each thread's buffer for the curves' lines (up to <see cref="MaxKeptLine"/> bytes kept between reads).</summary>
    [ThreadStatic]
    private static byte[]? t_line;

    private const int MaxKeptLine = 1 << 16;

    private FileStream Reader(int file)
    {
        var readers = _readers.Value!;
        if (!readers.TryGetValue(file, out var stream)) readers[file] = stream = Open(file, 1 << 12);
        return stream;
    }

    private FileStream Open(int file, int bufferSize) =>
        new(_files[file], FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize);

    /// <summary>Legacy trials (no state file mentions them) keep their curve in their run folder.</summary>
    public bool AnyLegacyValidationCurve() =>
        Enumerable.Range(0, Count).Any(i => !_slots[i].FromState && _records[i] is { HasEnded: true } record
            && LegacyCurve(record).Rows.Any(r => r.ValidationCost is not null));

    private TrialCurve LegacyCurve(TrialRecord record) => TrialCurve.Read(Path.Combine(_folder, record.RunFolder, RunFiles.Costs));

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        foreach (var stream in _readers.Values.SelectMany(readers => readers.Values)) stream.Dispose();
        _readers.Dispose();
    }

    /// <summary>
    /// What the merge keeps of a trial besides its record: when its latest state line was written, and where it is (its
    /// file and offset in one number: a state file is far below 2^48 bytes, and a sweep has far fewer than 2^16 of them).
    /// </summary>
    private struct Slot
    {
        private const int OffsetBits = 48;

        /// <summary><see cref="Line"/> of a trial no state line mentions (the default).</summary>
        public const int NotFromState = 0;

        /// <summary><see cref="Line"/> of a trial whose latest state line has no curve.</summary>
        public const int NoCurve = 1;

        /// <summary><see cref="Line"/> of a trial whose latest state line is in state file 0; file n is this + n.</summary>
        public const int FirstFile = 2;

        /// <summary>The highest state-file number a slot can hold.</summary>
        public const int MaxFile = ushort.MaxValue - FirstFile;

        public long UtcTicks;
        private long _where;

        /// <summary><see cref="NotFromState"/>, <see cref="NoCurve"/>, or its line's file + <see cref="FirstFile"/>.</summary>
        public readonly int Line => (int)(_where >>> OffsetBits);

        /// <summary>Where its line starts in its file.</summary>
        public readonly long Offset => _where & ((1L << OffsetBits) - 1);

        public readonly bool FromState => Line != NotFromState;

        public void Place(int line, long offset) => _where = ((long)line << OffsetBits) | offset;
    }
}
