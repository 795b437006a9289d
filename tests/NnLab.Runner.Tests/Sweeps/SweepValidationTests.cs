using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Experiments.Sweeps;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Sweeps;

/// <summary>Sweeps with a validation split: the held-out numbers in every record and file, ranking by them, and groups of repeats.</summary>
public sealed class SweepValidationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>
    /// 40 noisy points of a class boundary x1 + x2 > 0 (a fixed pseudo-random stream, so the test is deterministic), a
    /// 2-8-1 sigmoid network, 70 % training and 30 % validation, over two learning rates, 3 repeats each.
    /// </summary>
    private Sweep ValidationSweep(string settings = "  repeats: 3\n", string split = "{train: 0.7, validation: 0.3}")
    {
        var random = new Random(7);
        var lines = new List<string> { "x1,x2,y" };
        for (int i = 0; i < 40; i++)
        {
            double x1 = random.NextDouble() * 2 - 1, x2 = random.NextDouble() * 2 - 1;
            int y = x1 + x2 + (random.NextDouble() - 0.5) * 0.8 > 0 ? 1 : 0;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x1:R},{x2:R},{y}"));
        }
        File.WriteAllLines(_dir.Combine("d.csv"), lines);
        string yaml = $$"""
            name: boundary
            seed: 3
            data: {file: d.csv, input_columns: [x1, x2], target_columns: [y], split: {{split}}}
            model:
              - linear: {units: 8, init: xavier}
              - sigmoid
              - linear: {units: 1, init: xavier}
              - sigmoid
            optimizer: {name: gradient_descent, learning_rate: 1}
            training: {epochs: 300, log_every: 25}
            sweep:
            {{settings}}
              axes:
                optimizer.learning_rate: [0.5, 4]
            """;
        var result = new SweepLoader(TestSweeps.Registry).LoadText(yaml, "boundary.yaml", _dir.Path);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Sweep;
    }

    private Task<SweepOutcome> RunAsync(Sweep sweep, string folder) =>
        new SweepRunner(NullLogger<SweepRunner>.Instance, TimeProvider.System)
            .RunAsync(sweep, new SweepRunOptions { OutputDirectory = _dir.Combine(folder), Parallel = 2, TrialFiles = SweepTrialFiles.Full });

    [Fact]
    public async Task Every_trial_records_its_validation_numbers_in_the_manifest_and_summary_csv()
    {
        var sweep = ValidationSweep();
        Assert.Equal(SweepRankBy.ValidationCost, sweep.Settings.RankBy);
        var outcome = await RunAsync(sweep, "out");
        string folder = outcome.Folder.FullPath;

        Assert.Equal(SweepRankBy.ValidationCost, outcome.RankBy);
        Assert.Contains(SweepFiles.Groups, Directory.GetFiles(folder).Select(Path.GetFileName));
        var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, SweepFiles.Manifest))).RootElement;
        Assert.Equal("validation_cost", manifest.GetProperty("rank_by").GetString());
        var summary = Csv.Read(Path.Combine(folder, SweepFiles.Summary));
        Assert.Equal(
            ["trial", "label", "optimizer.learning_rate", "repeat", "seed", "status", "epochs_completed", "final_cost", "best_cost", "best_epoch",
             "initial_cost", "final_to_initial", "accuracy", "validation_cost", "best_validation_cost", "validation_accuracy",
             "wall_time_seconds", "reason"],
            summary.Header);
        foreach (var record in outcome.Trials)
        {
            string trialFolder = Path.Combine(folder, record.RunFolder);
            var own = JsonDocument.Parse(File.ReadAllText(Path.Combine(trialFolder, RunFiles.Summary))).RootElement.GetProperty("validation");
            var costs = Csv.Read(Path.Combine(trialFolder, RunFiles.Costs));
            double lowest = costs.Rows.Min(r => costs.Number(r, "validation_cost")!.Value);
            var json = manifest.GetProperty("trials")[record.Index];

            Assert.Equal(own.GetProperty("cost").GetDouble(), record.ValidationCost);
            Assert.Equal(own.GetProperty("accuracy").GetDouble(), record.ValidationAccuracy);
            Assert.Equal(lowest, record.BestValidationCost);
            Assert.Equal(record.ValidationCost, json.GetProperty("validation_cost").GetDouble());
            Assert.Equal(lowest, json.GetProperty("best_validation_cost").GetDouble());
            Assert.False(json.TryGetProperty("test_cost", out _));
            var row = summary.Rows[record.Index];
            Assert.Equal(record.ValidationCost, summary.Number(row, "validation_cost"));
            Assert.Equal(lowest, summary.Number(row, "best_validation_cost"));
            Assert.Equal(record.ValidationAccuracy, summary.Number(row, "validation_accuracy"));
        }
        Assert.Equal("trial,optimizer.learning_rate,repeat,seed,epoch,cost,validation_cost",
            File.ReadLines(Path.Combine(folder, SweepFiles.Costs)).First());
    }

    [Fact]
    public async Task Groups_csv_holds_each_combinations_mean_std_min_and_max_over_its_repeats()
    {
        var outcome = await RunAsync(ValidationSweep(), "out");
        string folder = outcome.Folder.FullPath;
        var summary = Csv.Read(Path.Combine(folder, SweepFiles.Summary));
        var groups = Csv.Read(Path.Combine(folder, SweepFiles.Groups));

        string[] metrics = ["final_cost", "validation_cost", "best_validation_cost", "accuracy", "validation_accuracy", "wall_time_seconds"];
        Assert.Equal(
            ["group", "label", "optimizer.learning_rate", "repeats", "completed", "diverged", "failed", "not_run",
             .. metrics.SelectMany(m => new[] { $"{m}_mean", $"{m}_std", $"{m}_min", $"{m}_max" })],
            groups.Header);
        Assert.Equal(2, groups.Rows.Count);
        for (int g = 0; g < 2; g++)
        {
            var row = groups.Rows[g];
            var repeats = summary.Rows.Skip(3 * g).Take(3).ToList();
            Assert.Equal([g.ToString(CultureInfo.InvariantCulture), g == 0 ? "learning_rate=0.5" : "learning_rate=4", g == 0 ? "0.5" : "4", "3", "3", "0", "0", "0"],
                row[..8]);
            foreach (string metric in metrics)
            {
                var values = repeats.Select(r => summary.Number(r, metric)!.Value).ToArray();
                double sum = 0;
                foreach (double v in values) sum += v;
                double mean = sum / 3;
                double squares = 0;
                foreach (double v in values) squares += (v - mean) * (v - mean);
                Assert.Equal(mean, groups.Number(row, metric + "_mean"));
                Assert.Equal(Math.Sqrt(squares / 2), groups.Number(row, metric + "_std"));
                Assert.Equal(values.Min(), groups.Number(row, metric + "_min"));
                Assert.Equal(values.Max(), groups.Number(row, metric + "_max"));
            }
        }
    }

    [Fact]
    public async Task With_one_repeat_each_group_is_a_trial_and_its_standard_deviation_is_empty()
    {
        var outcome = await RunAsync(ValidationSweep(settings: "  rank_by: best_validation_cost\n"), "out");
        var summary = Csv.Read(Path.Combine(outcome.Folder.FullPath, SweepFiles.Summary));
        var groups = Csv.Read(Path.Combine(outcome.Folder.FullPath, SweepFiles.Groups));

        Assert.Equal(["group", "label", "optimizer.learning_rate", "repeats"], groups.Header[..4]);
        for (int g = 0; g < 2; g++)
        {
            Assert.Equal(summary.Number(summary.Rows[g], "validation_cost"), groups.Number(groups.Rows[g], "validation_cost_mean"));
            Assert.Equal("", groups.Field(groups.Rows[g], "validation_cost_std"));
            Assert.Equal("1", groups.Field(groups.Rows[g], "repeats"));
        }
        var best = outcome.Trials.MinBy(t => t.BestValidationCost)!;
        Assert.Equal(best, outcome.Best);
    }

    [Fact]
    public async Task A_sweep_without_validation_ranks_by_final_cost_and_has_no_validation_columns()
    {
        var outcome = await RunAsync(TestSweeps.LearningRates(), "out");
        var groups = Csv.Read(Path.Combine(outcome.Folder.FullPath, SweepFiles.Groups));

        Assert.Equal(SweepRankBy.FinalCost, outcome.RankBy);
        Assert.Equal(
            ["group", "label", "optimizer.learning_rate", "repeats", "completed", "diverged", "failed", "not_run",
             "final_cost_mean", "final_cost_std", "final_cost_min", "final_cost_max", "accuracy_mean", "accuracy_std", "accuracy_min", "accuracy_max",
             "wall_time_seconds_mean", "wall_time_seconds_std", "wall_time_seconds_min", "wall_time_seconds_max"],
            groups.Header);
        Assert.Equal(outcome.Trials.MinBy(t => t.FinalCost), outcome.Best);
    }

    /// <summary>A CSV file read back: its header and rows of fields (labels with commas come quoted).</summary>
    private sealed record Csv(string[] Header, List<string[]> Rows)
    {
        public static Csv Read(string path)
        {
            var lines = File.ReadAllLines(path);
            return new Csv(Fields(lines[0]), lines.Skip(1).Select(Fields).ToList());
        }

        public string Field(string[] row, string column)
        {
            int index = Array.IndexOf(Header, column);
            Assert.True(index >= 0, $"no column {column}");
            return row[index];
        }

        public double? Number(string[] row, string column) =>
            Field(row, column) is { Length: > 0 } text ? double.Parse(text, CultureInfo.InvariantCulture) : null;

        private static string[] Fields(string line)
        {
            var fields = new List<string>();
            var field = new System.Text.StringBuilder();
            bool quoted = false;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = !quoted;
                else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
                else field.Append(c);
            }
            fields.Add(field.ToString());
            return fields.ToArray();
        }
    }
}
