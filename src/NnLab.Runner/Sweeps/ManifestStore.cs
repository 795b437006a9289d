using NnLab.Runner.IO;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// The live trials.json while a sweep runs. Trial workers report changes here and go straight back to work; a writer
/// task replaces trials.json (atomically) with the newest state at a low rate: at most once a second, and never
/// spending more than a twentieth of the time writing (a 10,000-trial manifest takes ~90 ms of CPU, a 100,000-trial one
/// about a second, taken from the trials on a machine of two cores), so the file is a few seconds behind the state
/// files (about 20 s at 100,000 trials), which are the record. The final, merged manifest is written by the sweep
/// (or by <see cref="Seal"/>, when the process is ending under it). A write the full disk refuses leaves the previous
/// trials.json and is reported to <c>diskFull</c>; the writer tries again at the next change.
/// </summary>
internal sealed class ManifestStore
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a write, as a multiple of the time it took: writing takes at most 1/20 of the time.</summary>
    private const int WritingShare = 20;

    private readonly Lock _lock = new();
    private readonly Lock _writing = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private TrialRecordTable _trials;
    private readonly SweepManifest _manifest;
    private readonly Action<IOException>? _diskFull;
    private readonly Task _writer;
    private long _version;
    private bool _sealed;

    /// <summary>Writes the starting manifest before returning, then keeps it current in the background.</summary>
    public ManifestStore(string path, SweepManifest manifest, TimeProvider time, Action<IOException>? diskFull = null)
    {
        _path = path;
        _time = time;
        // Its settings only: the records are the store's own from here on (the caller's list can go).
        _manifest = manifest with { Trials = [] };
        _diskFull = diskFull;
        _trials = TrialRecordTable.CopyOf(manifest.Trials);
        ManifestFile.Write(_path, Current().Manifest);
        _writer = Task.Run(WriteChangesAsync);
    }

    public TrialRecord Get(int index)
    {
        lock (_lock) return _trials[index];
    }

    /// <summary>Trial <paramref name="index"/>'s status (without making its record).</summary>
    public TrialStatus Status(int index)
    {
        lock (_lock) return _trials.Status(index);
    }

    /// <summary>The records of the trials running now.</summary>
    public IReadOnlyList<TrialRecord> Running()
    {
        lock (_lock)
            return Enumerable.Range(0, _trials.Count).Where(i => _trials.Status(i) == TrialStatus.Running).Select(i => _trials[i]).ToList();
    }

    /// <summary>
    /// Every trial's record as reported, handed over: the store keeps none from here on (a sweep's end merges them with
    /// the state files, and two copies of 100,000 records would double its memory). Call after <see cref="StopAsync"/>.
    /// </summary>
    public TrialRecordTable Release()
    {
        lock (_lock)
        {
            var records = _trials;
            _trials = TrialRecordTable.Over([]);
            return records;
        }
    }

    public void Update(TrialRecord record)
    {
        lock (_lock)
        {
            _trials.Set(record);
            _version++;
        }
    }

    /// <summary>Stops the periodic writes (returning once any write under way has ended).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await _writer;
    }

    /// <summary>
    /// Writes the manifest one last time, as <paramref name="final"/> makes it from the current one, and stops the
    /// periodic writes for good (none can follow it and undo it), synchronously: for a process that is ending.
    /// </summary>
    public void Seal(Func<SweepManifest, SweepManifest> final)
    {
        lock (_writing)
        {
            _sealed = true;
            ManifestFile.Write(_path, final(Current().Manifest));
        }
    }

    private async Task WriteChangesAsync()
    {
        long written = 0;
        var interval = MinimumInterval;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _time, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var (manifest, version) = Current();
            if (version == written) continue;
            long start = _time.GetTimestamp();
            try
            {
                lock (_writing)
                {
                    if (_sealed) return;
                    ManifestFile.Write(_path, manifest);
                }
                written = version;
            }
            catch (IOException e) when (WholeLineFile.IsDiskFull(e) && _diskFull is not null)
            {
                _diskFull(e);
            }
            var took = _time.GetElapsedTime(start);
            interval = took * WritingShare > MinimumInterval ? took * WritingShare : MinimumInterval;
        }
    }

    /// <summary>
    /// The manifest now, its trials a view that reads each record under the lock as it is written out: a copy of every
    /// record per write would take ~50 MB at 1,000,000 trials. A record that changes during the write is written as
    /// it is then, and the version taken first makes the next write include it.
    /// </summary>
    private (SweepManifest Manifest, long Version) Current()
    {
        lock (_lock)
        {
            var trials = _trials;
            var view = new IndexedList<TrialRecord>(trials.Count, i =>
            {
                lock (_lock) return trials[i];
            });
            return (_manifest with { Trials = view, UpdatedUtc = _time.GetUtcNow().UtcDateTime }, _version);
        }
    }
}
