using System.Text.Json;
using NnLab.Numerics;
using NnLab.Runner.Checkpoints;
using NnLab.Runner.Output;
using NnLab.Training;

namespace NnLab.Runner.Tests;

/// <summary>
/// checkpoints/NAME: arrays and scalars read back bit for bit, and a write interrupted at any step leaves the old or
/// the new checkpoint for a reader; cost.csv and summary.json as a killed run leaves them.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Run => _dir.Path;

    private static RunCheckpoint Checkpoint(int epoch, Array? values = null)
    {
        var stream = new NumpyRandomState(48);
        stream.NextGaussian();
        var training = new TrainingCheckpoint
        {
            NextEpoch = epoch, LastCost = 0.1 + epoch, DivergenceFirstCost = 0.3, Shuffle = stream.GetState(),
            HasOptimizerState = true, ElementType = values is float[] ? typeof(float) : typeof(double),
        };
        training.Arrays["layer0.W"] = new CheckpointArray(2, 3, values ?? new[] { 1.0 / 3, -0.0, double.Epsilon, 1e300, -7.25, epoch });
        training.Arrays["optimizer.first_moment.0"] = new CheckpointArray(1, 1, values is float[] ? new[] { 0.1f } : new[] { 0.1 });
        training.Scalars["optimizer.count"] = double.NaN;
        training.Scalars["best_cost"] = 1.0 / 7;
        return new RunCheckpoint(training, values is float[] ? "float32" : "float64", "adam", 100, 3, 57, "abc", "/data",
            new NumpyRandomState(1).GetState());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_checkpoint_reads_back_bit_for_bit(bool float32)
    {
        var written = Checkpoint(7, float32 ? new[] { 1f / 3, -0f, float.Epsilon, 3e38f, -7.25f, 7f } : null);
        CheckpointFolder.Write(Run, "last", written);

        var read = CheckpointFolder.Read(CheckpointFolder.Locate(Run, "last")!);

        Assert.Equal(written with { Training = read.Training }, read);
        var (w, r) = (written.Training, read.Training);
        Assert.Equal((w.NextEpoch, w.LastCost, w.DivergenceFirstCost, w.Shuffle, w.HasOptimizerState, w.ElementType),
            (r.NextEpoch, r.LastCost, r.DivergenceFirstCost, r.Shuffle, r.HasOptimizerState, r.ElementType));
        Assert.Equal(w.Arrays.Keys, r.Arrays.Keys);
        foreach (var (name, array) in w.Arrays)
        {
            Assert.Equal((array.Rows, array.Cols), (r.Arrays[name].Rows, r.Arrays[name].Cols));
            Assert.Equal(Bytes(array.Values), Bytes(r.Arrays[name].Values));
        }
        Assert.Equal(w.Scalars.Keys, r.Scalars.Keys);
        Assert.True(double.IsNaN(r.Scalars["optimizer.count"]));
        Assert.Equal(1.0 / 7, r.Scalars["best_cost"]);
    }

    [Fact]
    public void The_npy_files_are_numpy_version_1_with_64_byte_aligned_headers()
    {
        CheckpointFolder.Write(Run, "last", Checkpoint(1));
        byte[] npy = File.ReadAllBytes(Path.Combine(CheckpointFolder.PathOf(Run, "last"), "layer0.W.npy"));
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, npy[..8]);
        int headerEnd = 10 + (npy[8] | npy[9] << 8);
        Assert.Equal(0, headerEnd % 64);
        Assert.StartsWith("{'descr': '<f8', 'fortran_order': False, 'shape': (2, 3), }", System.Text.Encoding.ASCII.GetString(npy[10..headerEnd]));
        Assert.Equal(headerEnd + 6 * 8, npy.Length);
    }

    [Fact]
    public void A_new_checkpoint_replaces_the_old_one_and_leaves_nothing_else()
    {
        CheckpointFolder.Write(Run, "last", Checkpoint(1));
        CheckpointFolder.Write(Run, "last", Checkpoint(2));
        CheckpointFolder.Write(Run, "best", Checkpoint(1));

        Assert.Equal(2, CheckpointFolder.Read(CheckpointFolder.Locate(Run, "last")!).Training.NextEpoch);
        Assert.Equal(1, CheckpointFolder.Read(CheckpointFolder.Locate(Run, "best")!).Training.NextEpoch);
        Assert.Equal(["best", "last"], Directory.GetDirectories(Path.Combine(Run, "checkpoints")).Select(Path.GetFileName).Order());
    }

    /// <summary>
    /// The states a kill can leave, step by step through a write of checkpoint 2 over checkpoint 1: a reader always
    /// finds a complete one (the old one until the new one is complete), and settling puts it at checkpoints/last.
    /// </summary>
    [Theory]
    [InlineData("writing the new files", 1)]
    [InlineData("new complete, old still in place", 1)]
    [InlineData("between the renames", 2)]
    [InlineData("deleting the old one", 2)]
    public void A_write_killed_at_any_step_leaves_the_old_or_the_new_checkpoint(string step, int expected)
    {
        string last = CheckpointFolder.PathOf(Run, "last"), temp = last + ".tmp", old = last + ".old.tmp";
        CheckpointFolder.Write(Run, "last", Checkpoint(1));
        CheckpointFolder.Write(Run, "staging", Checkpoint(2)); // a complete copy of the new checkpoint to stage from
        string staged = CheckpointFolder.PathOf(Run, "staging");
        switch (step)
        {
            case "writing the new files":
                Directory.Move(staged, temp);
                File.Delete(Path.Combine(temp, CheckpointFolder.Manifest)); // written last: not there yet
                break;
            case "new complete, old still in place":
                Directory.Move(staged, temp);
                break;
            case "between the renames":
                Directory.Move(last, old);
                Directory.Move(staged, temp);
                break;
            case "deleting the old one":
                Directory.Move(last, old);
                Directory.Move(staged, last);
                File.Delete(Path.Combine(old, CheckpointFolder.Manifest)); // deleted first
                break;
        }

        Assert.Equal(expected, CheckpointFolder.Read(CheckpointFolder.Locate(Run, "last")!).Training.NextEpoch);
        CheckpointFolder.Settle(Run, "last");
        Assert.Equal(["last"], Directory.GetDirectories(Path.Combine(Run, "checkpoints")).Select(Path.GetFileName));
        Assert.Equal(expected, CheckpointFolder.Read(last).Training.NextEpoch);
        CheckpointFolder.Write(Run, "last", Checkpoint(3)); // and writing goes on from there
        Assert.Equal(3, CheckpointFolder.Read(last).Training.NextEpoch);
    }

    [Fact]
    public void A_write_that_fails_leaves_the_previous_checkpoint()
    {
        CheckpointFolder.Write(Run, "last", Checkpoint(1));
        var bad = Checkpoint(2);
        bad.Training.Arrays["../escape"] = new CheckpointArray(1, 1, new[] { 1.0 });

        Assert.Throws<InvalidDataException>(() => CheckpointFolder.Write(Run, "last", bad));

        Assert.Equal(1, CheckpointFolder.Read(CheckpointFolder.Locate(Run, "last")!).Training.NextEpoch);
    }

    [Fact]
    public void Cost_csv_rows_are_on_disk_as_soon_as_they_are_appended_and_continuing_drops_what_follows_the_mark()
    {
        string[] Columns = ["epoch", "cost"];
        string path = _dir.Combine("cost.csv");
        long mark;
        using (var file = CsvAppender.Create(path, Columns))
        {
            CostCsv.Append(file, new(0, 0.5), Precision.Float64);
            Assert.Equal("epoch,cost\n0,0.5\n", ReadShared(path)); // before the writer is closed
            mark = file.Length;
            CostCsv.Append(file, new(100, 0.25), Precision.Float64);
        }
        File.AppendAllText(path, "200,0.1"); // a torn row after the mark

        using (var file = CsvAppender.Continue(path, Columns, mark, rows: 1))
            CostCsv.Append(file, new(100, 0.125), Precision.Float64);

        Assert.Equal("epoch,cost\n0,0.5\n100,0.125\n", File.ReadAllText(path));
        Assert.Throws<IOException>(() => CsvAppender.Continue(path, ["epoch", "loss"], mark, 1).Dispose());
        Assert.Throws<IOException>(() => CsvAppender.Continue(path, Columns, 1000, 1).Dispose());
    }

    [Fact]
    public async Task Summary_json_says_running_and_cost_csv_has_the_recorded_rows_while_training_runs()
    {
        string folder = _dir.Combine("run");
        var seen = new TaskCompletionSource<(string Status, string Costs)>();
        var monitor = new PeekingMonitor(folder, seen);
        await new ExperimentRunner(new CapturingLogger<ExperimentRunner>(), TimeProvider.System)
            .RunAsync(TestExperiments.Xor(epochs: 200_000, logEvery: 1000), new RunOptions { OutputDirectory = folder, Monitor = monitor });

        var (status, costs) = await seen.Task;
        Assert.Equal("running", status);
        Assert.StartsWith("epoch,cost\n0,", costs);
        Assert.Equal("completed", JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "summary.json"))).RootElement
            .GetProperty("status").GetString());
        Assert.True(Directory.Exists(Path.Combine(folder, "checkpoints", "last")));
    }

    /// <summary>Looks at the run folder once training has recorded a few epochs.</summary>
    private sealed class PeekingMonitor(string folder, TaskCompletionSource<(string, string)> seen) : ITrainingMonitor
    {
        public async Task WatchAsync(TrainingProgress progress, Task training)
        {
            while (progress.CompletedEpochs < 3000 && !training.IsCompleted) await Task.Delay(1);
            string summary = ReadShared(Path.Combine(folder, "summary.json"));
            seen.TrySetResult((JsonDocument.Parse(summary).RootElement.GetProperty("status").GetString()!,
                ReadShared(Path.Combine(folder, "cost.csv"))));
            await training;
        }
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    private static byte[] Bytes(Array values) => values switch
    {
        double[] d => d.SelectMany(BitConverter.GetBytes).ToArray(),
        float[] f => f.SelectMany(BitConverter.GetBytes).ToArray(),
        _ => throw new ArgumentException("unexpected array"),
    };
}
