using Microsoft.Extensions.Logging;
using NnLab.Experiments.Sweeps;

namespace NnLab.Runner.Sweeps;

/// <summary>
/// Runs a sweep's trials somewhere other than this process's pool (child processes, a cluster), through workers
/// that write the sweep folder's state files (see <c>nnlab sweep-worker</c>). The sweep has written trials.json
/// before, and merges the state files into the summaries after.
/// </summary>
public interface ISweepLauncher
{
    /// <summary>Runs <see cref="SweepLaunch.ToRun"/>; returns when every one has ended or cancellation stopped them.</summary>
    /// <returns>True when a failure stopped the sweep early (<c>on_error: stop</c>).</returns>
    Task<bool> RunAsync(SweepLaunch launch, CancellationToken cancellation);
}

/// <summary>What a launcher gets: the sweep, its folder and base manifest, the trials to run, and whom to tell.</summary>
/// <param name="Folder">The sweep folder, with trials.json and sweep.yaml written.</param>
/// <param name="Sweep">The loaded sweep.</param>
/// <param name="Manifest">trials.json as written at the start (the base the state files are merged over).</param>
/// <param name="ToRun">The indexes of the trials to run, in order.</param>
/// <param name="Parallel">How many trials at once.</param>
/// <param name="State">This process's own state file, for what the launcher itself records (a crashed trial).</param>
/// <param name="Changed">Call with a trial's record when it starts or ends (the progress display and trials.json).</param>
/// <param name="Log">The sweep's log.</param>
public sealed record SweepLaunch(RunFolder Folder, Sweep Sweep, SweepManifest Manifest, IReadOnlyList<int> ToRun, int Parallel,
    StateLog State, Action<TrialRecord> Changed, ILogger Log);
