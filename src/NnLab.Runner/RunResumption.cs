using System.Globalization;
using System.Text;
using System.Text.Json;
using NnLab.Experiments;
using NnLab.Numerics;
using NnLab.Runner.IO;
using NnLab.Runner.Checkpoints;
using NnLab.Runner.Output;
using NnLab.Runner.Recording;
using NnLab.Runner.Training;
using NnLab.Training;

namespace NnLab.Runner;

/// <summary>
/// A stopped or killed run folder about to be continued (<c>nnlab run --resume RUNDIR</c>): its checkpoint, the
/// configuration it ran with, and the cost.csv rows recorded up to the checkpoint. Opening it and checking an
/// experiment against it change nothing; <see cref="ExperimentRunner.ResumeAsync"/> does the rest. It holds the run
/// folder's <c>run.lock</c> from opening until disposed, so two resumes of one folder never run at once.
/// </summary>
public sealed class RunResumption : IDisposable
{
    private readonly FolderLock _lock;

    private RunResumption(FolderLock folderLock, RunFolder folder, string resolvedConfigText, IReadOnlyList<string> overrides,
        RunCheckpoint? checkpoint, IReadOnlyList<CostRecord> earlierCosts)
    {
        _lock = folderLock;
        Folder = folder;
        ResolvedConfigText = resolvedConfigText;
        Overrides = overrides;
        Checkpoint = checkpoint;
        EarlierCosts = earlierCosts;
    }

    public RunFolder Folder { get; }

    /// <summary>The run's config.resolved.yaml: what it ran, which the resumed run loads.</summary>
    public string ResolvedConfigPath => Folder.PathOf(RunFiles.ResolvedConfig);

    public string ResolvedConfigText { get; }

    /// <summary>The folder the original experiment file was in, where a relative <c>data.file</c> is found.</summary>
    public string DataDirectory => Checkpoint?.DataDirectory ?? Folder.FullPath;

    /// <summary>The --set overrides of the original run (summary.json lists them; the resolved file has them applied).</summary>
    public IReadOnlyList<string> Overrides { get; }

    /// <summary>The epoch training continues from: 0 when the run was killed before its first checkpoint.</summary>
    public int Epoch => Checkpoint?.Training.NextEpoch ?? 0;

    /// <summary>
    /// The checkpoint to continue from; null when the run stopped before writing one, and it then starts over (training
    /// is deterministic, so that gives the uninterrupted run's bits too).
    /// </summary>
    internal RunCheckpoint? Checkpoint { get; }

    internal IReadOnlyList<CostRecord> EarlierCosts { get; }

    /// <summary>
    /// Opens <paramref name="directory"/> for resuming, taking its <c>run.lock</c>. Refuses (<see cref="RunFolderException"/>)
    /// a path that is not a run folder, a folder another live process holds (its run or resume is under way), a run
    /// that completed or diverged, and a damaged checkpoint or cost.csv. A run without a checkpoint (killed before its
    /// first) starts over.
    /// </summary>
    public static RunResumption Open(string directory)
    {
        string full = Path.GetFullPath(directory);
        if (!Directory.Exists(full)) throw new RunFolderException($"'{directory}' is not a folder.");
        var folder = RunFolder.Existing(full);
        // A run writes log.jsonl, then its configs, then summary.json (running), then cost.csv: one killed in between
        // has its configuration and log but no summary or cost.csv yet, and starts over (it cannot have a checkpoint).
        if (!File.Exists(folder.PathOf(RunFiles.ResolvedConfig)))
            throw new RunFolderException($"'{directory}' is not a run folder: it has no {RunFiles.ResolvedConfig}.");
        if (!File.Exists(folder.PathOf(RunFiles.Summary)) && !File.Exists(folder.PathOf(RunFiles.Log)))
            throw new RunFolderException($"'{directory}' is not a run folder: it has no {RunFiles.Summary}.");

        // Locked before anything in it is read: another process may be writing it.
        var folderLock = FolderLock.ForRun(directory);
        try
        {
            return Open(folderLock, folder, directory);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    private static RunResumption Open(FolderLock folderLock, RunFolder folder, string directory)
    {
        string resolved = File.ReadAllText(folder.PathOf(RunFiles.ResolvedConfig));
        var (status, overrides) = File.Exists(folder.PathOf(RunFiles.Summary))
            ? ReadSummary(folder, directory)
            : ("running", OverridesIn(resolved));
        if (status is "completed" or "diverged")
            throw new RunFolderException($"the run in '{directory}' has {(status == "completed" ? "completed" : "diverged")}: there is nothing to resume.");

        if (CheckpointFolder.Locate(folder.FullPath, CheckpointFolder.Last) is not { } checkpointFolder)
            return new RunResumption(folderLock, folder, resolved, overrides, null, []);
        RunCheckpoint checkpoint;
        try
        {
            checkpoint = CheckpointFolder.Read(checkpointFolder);
        }
        catch (InvalidDataException e)
        {
            throw new RunFolderException($"cannot resume '{directory}': {e.Message}", e);
        }
        if (!checkpoint.Training.HasOptimizerState)
            throw new RunFolderException(
                $"cannot resume '{directory}': its optimizer '{checkpoint.Optimizer}' does not save its state (it does not implement " +
                "IStatefulOptimizer<T>), so training cannot continue exactly where it stopped.");
        if (checkpoint.Training.NextEpoch > checkpoint.EpochsRequested)
            throw new RunFolderException($"cannot resume '{directory}': its checkpoint is at epoch {checkpoint.Training.NextEpoch} of {checkpoint.EpochsRequested}.");

        var costs = ReadEarlierCosts(folder, directory, checkpoint);
        return new RunResumption(folderLock, folder, resolved, overrides, checkpoint, costs);
    }

    /// <summary>
    /// Checks that <paramref name="experiment"/> (loaded from the run's config.resolved.yaml) is the run the checkpoint
    /// belongs to and builds its session: the same epochs, precision, optimizer and data, the same initial draw, and
    /// parameters of the checkpoint's shapes. Throws <see cref="RunFolderException"/> otherwise.
    /// </summary>
    internal ExperimentSession Check(Experiment experiment)
    {
        if (Checkpoint is not { } c) return experiment.CreateSession();
        void Refuse(string what) => throw new RunFolderException($"cannot resume '{Folder.DisplayPath}': {what}.");
        if (experiment.Training.Epochs != c.EpochsRequested)
            Refuse($"its checkpoint was taken for {c.EpochsRequested} epochs, the configuration asks for {experiment.Training.Epochs}");
        if (experiment.Precision.Name() != c.Precision)
            Refuse($"its checkpoint holds {c.Precision} values, the configuration runs in {experiment.Precision.Name()}");
        if (experiment.Optimizer.Name != c.Optimizer)
            Refuse($"its checkpoint holds the state of optimizer '{c.Optimizer}', the configuration names '{experiment.Optimizer.Name}'");
        if (experiment.Data.ValuesSha256() != c.DataSha256)
            Refuse("the training data differ from the data it was trained on (an edited data file?)");

        var session = experiment.CreateSession();
        if (!session.OptimizerSavesState)
            Refuse($"the optimizer '{experiment.Optimizer.Name}' does not save its state (IStatefulOptimizer<T>)");
        if (c.InitStream is { } init && session.InitStream is { } drawn && !init.Equals(drawn))
            Refuse("the configuration does not draw the initial weights the run started from");
        var parameters = session.SnapshotParameters();
        for (int layer = 0; layer < parameters.Count; layer++)
            foreach (var (name, value) in parameters[layer])
            {
                string key = TrainingCheckpoint.ParameterName(layer, name);
                if (!c.Training.Arrays.TryGetValue(key, out var saved))
                    Refuse($"its checkpoint has no parameter {key}");
                else if (saved.Rows != value.Rows || saved.Cols != value.Cols)
                    Refuse($"its checkpoint's {key} is ({saved.Rows}×{saved.Cols}), the model's {value.Shape}");
            }
        return session;
    }

    /// <summary>Gives up the run folder's lock.</summary>
    public void Dispose() => _lock.Dispose();

    /// <summary>Puts the checkpoint in place and removes what interrupted writes left: temporary files and folders.</summary>
    internal void Prepare()
    {
        CheckpointFolder.Settle(Folder.FullPath, CheckpointFolder.Last);
        foreach (string stale in Directory.EnumerateFiles(Folder.FullPath, "*.tmp")) File.Delete(stale);
        string checkpoints = Path.Combine(Folder.FullPath, CheckpointFolder.Root);
        if (!Directory.Exists(checkpoints)) return;
        foreach (string stale in Directory.EnumerateDirectories(checkpoints, "*.tmp")) Directory.Delete(stale, recursive: true);
    }

    private static (string Status, IReadOnlyList<string> Overrides) ReadSummary(RunFolder folder, string directory)
    {
        try
        {
            using var summary = JsonDocument.Parse(File.ReadAllBytes(folder.PathOf(RunFiles.Summary)));
            var root = summary.RootElement;
            return (root.GetProperty("status").GetString()!,
                root.GetProperty("overrides").EnumerateArray().Select(o => o.GetString()!).ToList());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IOException)
        {
            throw new RunFolderException($"'{directory}' is not a run folder: its {RunFiles.Summary} cannot be read ({e.Message}).", e);
        }
    }

    /// <summary>The --set overrides config.resolved.yaml's header lists (a run killed before its summary.json listed them).</summary>
    private static IReadOnlyList<string> OverridesIn(string resolved) =>
        resolved.Split('\n').SkipWhile(line => line != "# --set overrides applied:").Skip(1)
            .TakeWhile(line => line.StartsWith("#   ", StringComparison.Ordinal)).Select(line => line[4..]).ToList();

    /// <summary>cost.csv's rows up to the checkpoint, which the resumed run keeps (the file must still hold them).</summary>
    private static IReadOnlyList<CostRecord> ReadEarlierCosts(RunFolder folder, string directory, RunCheckpoint checkpoint)
    {
        string path = folder.PathOf(RunFiles.Costs);
        try
        {
            var bytes = new byte[checkpoint.CostBytes];
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)) stream.ReadExactly(bytes);
            var text = Encoding.UTF8.GetString(bytes).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // The header says which columns the run records (validation ones with a validation split).
            var columns = text.Length > 0 ? text[0].Split(',') : [];
            CsvAppender.CheckPrefix(path, columns, checkpoint.CostBytes);
            var lines = text.Skip(1).Select(line => CostCsv.Parse(columns, line.Split(','))).ToList();
            if (lines.Count != checkpoint.CostRows)
                throw new IOException($"it holds {lines.Count} rows before the checkpoint's mark, the checkpoint says {checkpoint.CostRows}");
            return lines;
        }
        catch (Exception e) when (e is IOException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            throw new RunFolderException($"cannot resume '{directory}': its {RunFiles.Costs} does not hold the rows its checkpoint recorded: {e.Message}", e);
        }
    }
}
