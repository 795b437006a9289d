using System.Text.RegularExpressions;

namespace NnLab.Cli.Tests;

/// <summary>
/// report.html for runs and sweeps, rendered in headless chromium: every chart there with its series and points, no
/// script error, a screenshot; and the sweep verdict's statements against the example sweeps' known regimes.
/// </summary>
public sealed partial class ReportCommandTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    [Fact]
    public async Task Xor_run_report_written_by_nnlab_run_has_the_learning_curve_and_the_decision_boundary()
    {
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("xor.yaml"), "--out", "xor");
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("xor/report.html", run.SummaryValue("report"));
        string html = _cwd.Combine("xor", "report.html");
        var (dom, log) = await Chromium.DumpDomAsync(html);
        // 5000 epochs logged every 100 and at the last: 51 points; a 100×100 grid and the two XOR points of each class.
        Chromium.AssertPage(dom, log, ("learning-curve", 1, "51"), ("decision-boundary", 3, "10000 2 2"));
        Assert.Contains("data-series-names=\"network output | class 0 | class 1\"", dom);
        // The line between the predicted classes: XOR's two diagonal bands give two edges across the grid.
        Assert.Matches("class=\"class-edges\" data-segments=\"[1-9][0-9]+\"", dom);
        Assert.Contains("completed", dom);
        Assert.Contains("confusion matrix", dom);
        Assert.Contains("learning_rate: 1", dom);
        // nnlab run leaves the first update's trace to nnlab report, and names the command.
        Assert.False(File.Exists(_cwd.Combine("xor", "trace.html")));
        Assert.Contains("nnlab trace", dom);
        await Chromium.ScreenshotAsync(html, _cwd.Combine("xor-run.png"));
    }

    [Fact]
    public async Task Nnlab_report_draws_the_same_charts_writes_png_copies_and_links_the_trace()
    {
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("xor.yaml"), "--out", "xor");
        Assert.True(run.ExitCode == 0, run.ToString());
        var report = await NnLabProcess.RunAsync(_cwd.Path, "report", "xor", "--png");
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.True(new FileInfo(_cwd.Combine("xor", "report-learning-curve.png")).Length > 10_000);
        Assert.True(new FileInfo(_cwd.Combine("xor", "report-decision-boundary.png")).Length > 10_000);
        string html = _cwd.Combine("xor", "report.html");
        var (dom, log) = await Chromium.DumpDomAsync(html);
        Chromium.AssertPage(dom, log, ("learning-curve", 1, "51"), ("decision-boundary", 3, "10000 2 2"));
        Assert.Contains("href=\"report-decision-boundary.png\"", dom);
        // The report links the first update traced node by node (nnlab trace's page).
        Assert.Contains("href=\"trace.html\"", dom);
        string trace = File.ReadAllText(_cwd.Combine("xor", "trace.html"));
        Assert.Contains("xor: update 0 of 5000", trace);
        Assert.Contains("finite diff", trace);
    }

    [Fact]
    public async Task Run_with_validation_and_early_stopping_shows_both_curves_and_marks_the_best_epoch()
    {
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("moons.yaml"), "--out", "moons");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_cwd.Combine("moons", "summary.json")));
        Assert.True(summary.RootElement.GetProperty("stopped_early").GetBoolean());
        int best = summary.RootElement.GetProperty("best_epoch").GetInt32();
        int epochs = summary.RootElement.GetProperty("epochs_completed").GetInt32();
        Assert.Equal((650, 950), (best, epochs));
        string html = _cwd.Combine("moons", "report.html");
        var (dom, log) = await Chromium.DumpDomAsync(html);
        // 950 epochs every 10 (0, 10, ..., 950): 96 points of each curve; 280 training points (70 % of 400), 140 per class.
        Chromium.AssertPage(dom, log, ("learning-curve", 2, "96 96"), ("decision-boundary", 3, "10000 140 140"));
        Assert.Contains("data-series-names=\"training cost | validation cost\"", dom);
        Assert.Contains("class=\"best-epoch\" data-x=\"650\"", dom);
        Assert.Contains(">best epoch 650</text>", dom);
        Assert.Contains("validation: confusion matrix", dom);
        Assert.Contains("test: confusion matrix", dom);
        await Chromium.ScreenshotAsync(html, _cwd.Combine("moons.png"));
    }

    [Fact]
    public async Task Decision_boundary_of_a_feature_cross_runs_over_the_two_raw_inputs()
    {
        File.WriteAllText(_cwd.Combine("cross.yaml"), """
            name: xor-cross
            seed: 48
            data:
              inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]
              targets: [0, 1, 1, 0]
              features: [x1, x2, {product: [x1, x2], name: x3}]
            model:
              - linear: {units: 1, init: plain}
              - sigmoid
            cost: half_squared_error
            optimizer: {name: gradient_descent, learning_rate: 1}
            training: {epochs: 2000, log_every: 100}
            """);
        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", "cross.yaml", "--out", "cross");
        Assert.True(run.ExitCode == 0, run.ToString());
        var (dom, log) = await Chromium.DumpDomAsync(_cwd.Combine("cross", "report.html"));
        // Three network inputs, two raw columns: the plane is (x1, x2); 2000 epochs every 100 plus the last: 21 points.
        Chromium.AssertPage(dom, log, ("learning-curve", 1, "21"), ("decision-boundary", 3, "10000 2 2"));
        Assert.Contains("grid of (x1, x2)", dom);
    }

    [Fact]
    public async Task Xor_learning_rate_sweep_report_reads_the_three_regimes()
    {
        var sweep = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Repository.Experiment("sweeps/xor-learning-rate.yaml"), "--out", "sweep",
            "--trial-files", "full");
        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        Assert.Equal("sweep/report.html", sweep.SummaryValue("report"));
        string html = _cwd.Combine("sweep", "report.html");
        var (dom, log) = await Chromium.DumpDomAsync(html);
        // 48 curves of 51 points; each trial's final cost (48) and the 16 means.
        Chromium.AssertPage(dom, log, ("sweep-curves", 48, "51( 51){47}"), ("sweep-final", 2, "48 16"));
        var verdict = Verdict(dom);
        Assert.Matches(@"^best: learning_rate [\d.]+ \(mean final cost [\d.e-]+ over 3 seeds\)$", verdict[0]);
        Assert.Contains(verdict, l => l.StartsWith("0.05–0.2321 still falling at the last epoch (under-trained", StringComparison.Ordinal));
        Assert.Contains(verdict, l => l.StartsWith("0.5–50 converged", StringComparison.Ordinal));
        Assert.Contains(verdict, l => l.StartsWith("107.7 depends on the seed: 1 converged, 2 stuck", StringComparison.Ordinal));
        Assert.Contains(verdict, l => l.StartsWith("≥ 232.1 stalled at 0.25 (worse than it started", StringComparison.Ordinal));
        Assert.Contains("no trial diverged", verdict);
        // The best trial is linked; trials get their reports on demand, none while the sweep runs.
        Assert.Contains("The best trial: <a href=\"trials/", dom);
        Assert.Empty(Directory.GetFiles(_cwd.Combine("sweep", "trials"), "report.html", SearchOption.AllDirectories));
        await Chromium.ScreenshotAsync(html, _cwd.Combine("sweep.png"));

        var trial = Directory.GetDirectories(_cwd.Combine("sweep", "trials"))[0];
        var report = await NnLabProcess.RunAsync(_cwd.Path, "report", trial);
        Assert.True(report.ExitCode == 0, report.ToString());
        Assert.Contains("decision-boundary", File.ReadAllText(Path.Combine(trial, "report.html")));
    }

    [Fact]
    public async Task Linear_regression_sweep_report_draws_diverged_trials_and_counts_them()
    {
        var sweep = await NnLabProcess.RunAsync(_cwd.Path, "sweep", Repository.Experiment("sweeps/linear-regression-learning-rate.yaml"), "--out", "sweep");
        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        string html = _cwd.Combine("sweep", "report.html");
        var (dom, log) = await Chromium.DumpDomAsync(html);
        // 6 trials of 1000 epochs every 10 (+ the last: 101 points); the diverged ones end at epochs 12, 3 and 2.
        Chromium.AssertPage(dom, log, ("sweep-curves", 9, "101 101 101 101 101 101 3 2 2"), ("sweep-final", 2, "6 6"));
        var verdict = Verdict(dom);
        Assert.StartsWith("best: learning_rate ", verdict[0]);
        Assert.Contains(verdict, l => l.StartsWith("5e-10 stalled at 2 (barely moved", StringComparison.Ordinal));
        Assert.Contains(verdict, l => l.StartsWith("0.005 still falling at the last epoch (under-trained", StringComparison.Ordinal));
        Assert.Contains(verdict, l => l.StartsWith("0.05–1.5 converged", StringComparison.Ordinal));
        Assert.Contains(verdict, l => l.StartsWith("≥ 2 diverged (3 trials)", StringComparison.Ordinal));
        Assert.Contains("3 trials diverged, stopping after 2–12 epochs", verdict);
        await Chromium.ScreenshotAsync(html, _cwd.Combine("sweep.png"));
    }

    [Fact]
    public async Task Two_axis_sweep_report_has_a_heatmap_of_the_ranking_metric()
    {
        File.WriteAllText(_cwd.Combine("grid.yaml"), File.ReadAllText(Repository.Experiment("xor.yaml")) + """

            sweep:
              axes:
                optimizer.learning_rate: [0.5, 5, 50]
                model[0].units: [2, 3]
            """);
        var sweep = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "grid.yaml", "--set", "training.epochs=300", "--out", "grid");
        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        string html = _cwd.Combine("grid", "report.html");
        var (dom, log) = await Chromium.DumpDomAsync(html);
        // 300 epochs every 100 plus the last: 4 points; one mean line per units value.
        Chromium.AssertPage(dom, log, ("sweep-curves", 6, "4 4 4 4 4 4"), ("sweep-final", 3, "6 3 3"), ("sweep-heatmap", 1, "6"));
        Assert.Contains(Verdict(dom), l => l.Contains("of 6 combinations", StringComparison.Ordinal));
        await Chromium.ScreenshotAsync(html, _cwd.Combine("grid.png"));
    }

    [Fact]
    public async Task Random_sweep_with_a_seed_axis_plots_each_trial_and_draws_no_line_per_seed()
    {
        // bench/sweep-scale.sh's sweep, 40 trials of 500 epochs: learning rate drawn log-uniformly, the seed drawn too.
        File.WriteAllText(_cwd.Combine("random.yaml"), File.ReadAllText(Repository.Experiment("xor.yaml")) + """

            sweep:
              mode: random
              samples: 40
              axes:
                optimizer.learning_rate: {log_uniform: [0.01, 100]}
                seed: {int: [0, 1000000]}
            """);
        var sweep = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "random.yaml", "--set", "training.epochs=500", "--out", "random");
        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        var (dom, log) = await Chromium.DumpDomAsync(_cwd.Combine("random", "report.html"));
        // 500 epochs every 100 plus the last: 6 points a curve. The final cost: the 40 trials' dots and nothing else (no
        // mean through values drawn one trial each, no line per seed), and no heatmap of learning rate × seed.
        Chromium.AssertPage(dom, log, ("sweep-curves", 40, "6( 6){39}"), ("sweep-final", 1, "40"));
        Assert.Contains("data-series-names=\"each trial\"", dom);
        Assert.Contains("Axes: optimizer.learning_rate; the seed is swept too", dom);
        var verdict = Verdict(dom);
        Assert.Matches(@"^best: learning_rate [\d.]+ \(final cost [\d.e-]+, seed \d+\)$", verdict[0]);
        // The regimes interleave where they meet (each trial has its own seed): one line per regime, with its count and range.
        var regimes = verdict.Skip(1).SkipLast(1).ToList();
        Assert.InRange(regimes.Count, 2, 5);
        Assert.All(regimes, l => Assert.Matches(@"^\d+ of 40 trials, learning_rate [\d.e-]+(–[\d.e-]+)?: [a-z]", l));
        Assert.Equal(40, regimes.Sum(l => int.Parse(l.Split(' ')[0])));
        Assert.Equal("no trial diverged", verdict[^1]);
        Assert.DoesNotContain("seed =", dom);
    }

    [Fact]
    public async Task Grid_sweep_with_a_seed_axis_treats_the_seeds_as_repeats()
    {
        File.WriteAllText(_cwd.Combine("seeds.yaml"), File.ReadAllText(Repository.Experiment("xor.yaml")) + """

            sweep:
              axes:
                optimizer.learning_rate: [0.5, 5, 50]
                seed: [1, 2, 3]
            """);
        var sweep = await NnLabProcess.RunAsync(_cwd.Path, "sweep", "seeds.yaml", "--set", "training.epochs=300", "--out", "seeds");
        Assert.True(sweep.ExitCode == 0, sweep.ToString());
        var (dom, log) = await Chromium.DumpDomAsync(_cwd.Combine("seeds", "report.html"));
        // 9 trials of 4 points; each trial's final cost and the mean over the 3 seeds at each of the 3 learning rates.
        Chromium.AssertPage(dom, log, ("sweep-curves", 9, "4( 4){8}"), ("sweep-final", 2, "9 3"));
        Assert.Contains("data-series-names=\"each trial | mean final cost\"", dom);
        Assert.Matches(@"^best: learning_rate (0\.5|5|50) \(mean final cost [\d.e-]+ over 3 seeds\)$", Verdict(dom)[0]);
        // The ranked table has one row per learning rate, each over its three seeds.
        var groups = GroupsTable().Match(dom);
        Assert.True(groups.Success, "no groups table");
        Assert.Equal(3, Row().Matches(groups.Value).Count);
    }

    [Fact]
    public async Task Report_refuses_a_folder_that_is_neither_a_run_nor_a_sweep()
    {
        Directory.CreateDirectory(_cwd.Combine("empty"));
        var result = await NnLabProcess.RunAsync(_cwd.Path, "report", "empty");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is not a run folder", result.Stderr);
    }

    private static List<string> Verdict(string dom)
    {
        var list = VerdictList().Match(dom);
        Assert.True(list.Success, "no verdict on the page");
        return Item().Matches(list.Value).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
    }

    [GeneratedRegex("<ul class=\"verdict\" id=\"verdict\">.*?</ul>", RegexOptions.Singleline)]
    private static partial Regex VerdictList();

    [GeneratedRegex("<li>(.*?)</li>")]
    private static partial Regex Item();

    [GeneratedRegex("<table class=\"groups\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex GroupsTable();

    [GeneratedRegex("<tr><td class=\"num\">")]
    private static partial Regex Row();
}
