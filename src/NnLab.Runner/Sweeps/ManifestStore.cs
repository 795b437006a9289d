namespace NnLab.Runner.Sweeps;

/// <summary>
/// The live manifest: trial workers report their trials' changes here, and each change is written out at once,
/// under one lock, so the file on disk never goes back to an older state and always reflects every trial that has
/// started or finished.
/// </summary>
internal sealed class ManifestStore
{
    private readonly Lock _lock = new();
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly TrialRecord[] _trials;
    private SweepManifest _manifest;

    public ManifestStore(string path, SweepManifest manifest, TimeProvider time)
    {
        _path = path;
        _time = time;
        _manifest = manifest;
        _trials = manifest.Trials.ToArray();
        Write();
    }

    public IReadOnlyList<TrialRecord> Trials
    {
        get
        {
            lock (_lock) return _trials.ToArray();
        }
    }

    public void Update(TrialRecord record)
    {
        lock (_lock)
        {
            _trials[record.Index] = record;
            Write();
        }
    }

    public void Finish(SweepStatus status)
    {
        lock (_lock)
        {
            _manifest = _manifest with { Status = status };
            Write();
        }
    }

    private void Write()
    {
        _manifest = _manifest with { Trials = _trials.ToArray(), UpdatedUtc = _time.GetUtcNow().UtcDateTime };
        ManifestFile.Write(_path, _manifest);
    }
}
