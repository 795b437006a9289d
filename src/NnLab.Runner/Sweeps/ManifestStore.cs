namespace NnLab.Runner.Sweeps;

/// <summary>
/// The live manifest. Trial workers report their trials' changes here and go straight back to work; one writer
/// task rewrites trials.json (atomically, flushed to disk) with the newest state after every change. Changes that
/// arrive while a write is under way are written together by the next one, so the file is never more than one
/// write behind, never goes back to an older state, and the workers never wait for the disk.
/// </summary>
internal sealed class ManifestStore
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _changed = new(0);
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly TrialRecord[] _trials;
    private readonly Task _writer;
    private SweepManifest _manifest;
    private long _version;
    private bool _finished;

    /// <summary>Writes the starting manifest before returning, then keeps it current in the background.</summary>
    public ManifestStore(string path, SweepManifest manifest, TimeProvider time)
    {
        _path = path;
        _time = time;
        _manifest = manifest;
        _trials = manifest.Trials.ToArray();
        Write(Snapshot().Manifest);
        _writer = Task.Run(WriteChangesAsync);
    }

    public IReadOnlyList<TrialRecord> Trials
    {
        get
        {
            lock (_lock) return _trials.ToArray();
        }
    }

    public TrialRecord Get(int index)
    {
        lock (_lock) return _trials[index];
    }

    public void Update(TrialRecord record)
    {
        lock (_lock)
        {
            _trials[record.Index] = record;
            _version++;
        }
        _changed.Release();
    }

    /// <summary>Records how the sweep ended and returns once that final state is on disk (rethrowing a failed write).</summary>
    public async Task FinishAsync(SweepStatus status)
    {
        lock (_lock)
        {
            _manifest = _manifest with { Status = status };
            _version++;
            _finished = true;
        }
        _changed.Release();
        await _writer;
    }

    private async Task WriteChangesAsync()
    {
        long written = 0;
        while (true)
        {
            await _changed.WaitAsync();
            var (manifest, version, finished) = Snapshot();
            if (version != written)
            {
                Write(manifest);
                written = version;
            }
            if (finished) return;
        }
    }

    private (SweepManifest Manifest, long Version, bool Finished) Snapshot()
    {
        lock (_lock)
        {
            var manifest = _manifest with { Trials = _trials.ToArray(), UpdatedUtc = _time.GetUtcNow().UtcDateTime };
            return (manifest, _version, _finished);
        }
    }

    private void Write(SweepManifest manifest) => ManifestFile.Write(_path, manifest);
}
