using NnLab.Reports.Data;
using NnLab.Reports.Sweeps;

namespace NnLab.Reports.Tests;

/// <summary>How the sweep report groups trials: a swept seed is a repeat, values drawn at random are no grid.</summary>
public sealed class SweepAnalysisTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nnlab-reports-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_swept_seed_is_not_an_axis_trials_differing_only_in_it_are_one_setting()
    {
        var sweep = Sweep("grid", [("0.5", "1"), ("0.5", "2"), ("5", "1"), ("5", "2")]);
        var analysis = SweepAnalysis.Analyse(sweep);
        Assert.Equal(["optimizer.learning_rate"], analysis.Axes);
        Assert.True(sweep.SeedsVary);
        Assert.Equal([2, 2], analysis.Groups.Select(g => g.Trials.Count));
        Assert.False(analysis.ValuesRepeat(0)); // two rates, two settings
    }

    [Fact]
    public void Values_drawn_at_random_do_not_repeat()
    {
        var drawn = SweepAnalysis.Analyse(Sweep("random", [("0.013", "71"), ("2.4", "5"), ("37", "902")]));
        Assert.Equal(3, drawn.Groups.Count);
        Assert.False(drawn.ValuesRepeat(0));
        var verdict = drawn.Verdict();
        Assert.Equal("best: learning_rate 0.013 (final cost 0.01, seed 71)", verdict[0]);
    }

    [Fact]
    public void The_final_cost_chart_of_a_large_sweep_draws_an_even_sample_of_its_trials_with_the_lowest_cost_in_it()
    {
        // 10,000 trials' costs, falling with the index: the lowest, the last, is not on the sample's grid.
        var costs = Enumerable.Range(0, 10_000).Select(i => (X: (double)i, Cost: 1.0 / (i + 1))).ToList();

        var sample = NnLab.Reports.Charts.SweepCharts.Sample(costs);

        Assert.Equal(NnLab.Reports.Charts.SweepCharts.MaxDots, sample.Count);
        Assert.Equal(costs[0], sample[0]);
        Assert.Equal(costs[3334], sample[1000]); // ⌊1000 · 10000 / 2999⌋
        Assert.Equal(costs[^1], sample[^1]);
        Assert.Equal(costs.Take(5), NnLab.Reports.Charts.SweepCharts.Sample(costs.Take(5).ToList()));
    }

    private SweepFolderData Sweep(string mode, (string Rate, string Seed)[] trials)
    {
        // Final costs rise with the index: the first trial is the best.
        SweepFolderFiles.Write(_dir, mode, ["optimizer.learning_rate", "seed"], trials.Select((t, i) => new SyntheticTrial(
            new Dictionary<string, string> { ["optimizer.learning_rate"] = t.Rate, ["seed"] = t.Seed }, "completed",
            FinalCost: 0.01 * (i + 1), InitialCost: 0.25, Epochs: [0, 50, 100], Costs: [0.25, 0.1, 0.01 * (i + 1)])).ToList());
        return SweepFolderData.Read(_dir);
    }
}
