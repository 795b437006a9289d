using NnLab.Reports.Data;
using NnLab.Reports.Sweeps;
using ScottPlot;

namespace NnLab.Reports.Charts;

/// <summary>The sweep report's charts: every curve overlaid, the final cost against the swept value, a two-axis heatmap.</summary>
internal static class SweepCharts
{
    /// <summary>Above this many trials the curves are drawn one per group (the median over its repeats), and above this many groups a sample of them.</summary>
    public const int MaxCurves = 300;

    /// <summary>A heatmap is drawn for at most this many values on either axis.</summary>
    public const int MaxHeatmapSide = 60;

    /// <summary>
    /// Each trial's curve (or each group's median curve), coloured by the first axis's value; diverged ones red, dashed,
    /// ending with ×. Only the curves drawn are read from costs.csv (at most <see cref="MaxCurves"/> trials', or those of
    /// the groups shown), not every trial's.
    /// </summary>
    public static ChartFigure Curves(SweepAnalysis analysis)
    {
        var plot = Charting.NewPlot("Every trial's learning curve", "epoch", "cost (log scale)");
        var colour = ColourScale(analysis);
        var series = new List<ChartSeries>();
        var sweep = analysis.Sweep;
        int trials = sweep.Trials.Count(t => t.HasCurve);
        string how;
        var legendGroups = LegendGroups(analysis);
        if (trials <= MaxCurves)
        {
            how = $"all {trials} trials";
            var curves = sweep.Curves(p => sweep.Trials[p].HasCurve);
            var labels = sweep.Details(sweep.Trials.Where(t => curves.ContainsKey(t.Position)));
            foreach (var group in analysis.Groups)
                for (int k = 0; k < group.Trials.Count; k++)
                {
                    var t = group.Trials[k];
                    if (!curves.TryGetValue(t.Position, out var curve)) continue;
                    string? legend = k == 0 && legendGroups.Contains(group) ? Legend(analysis, group) : null;
                    series.Add(new(labels[t.Position].Label, Draw(plot, curve, t.Diverged, colour(group), legend)));
                }
        }
        else
        {
            int withCurve = analysis.Groups.Count(g => g.HasCurve);
            var shown = CurveSample(analysis, withCurve);
            how = withCurve <= MaxCurves
                ? $"{trials} trials, one line per setting: the median over its repeats"
                : $"{trials} trials, an evenly spaced sample of {shown.Count} of the {withCurve} settings, each the median over its repeats";
            var drawn = new HashSet<int>(shown.SelectMany(g => g.Trials).Where(t => t.HasCurve).Select(t => t.Position));
            var curves = sweep.Curves(drawn.Contains);
            foreach (var group in shown)
            {
                var median = MedianCurve(group.Trials.Where(t => curves.ContainsKey(t.Position)).Select(t => curves[t.Position]).ToList());
                bool diverged = group.DivergedCount * 2 > group.Trials.Count;
                series.Add(new(string.Join(",", group.Values), Draw(plot, median, diverged, colour(group), legendGroups.Contains(group) ? Legend(analysis, group) : null)));
            }
        }
        if (sweep.Trials.Any(t => t.Diverged))
        {
            var marker = plot.Add.Markers(Array.Empty<double>(), Array.Empty<double>(), MarkerShape.Eks, 9, Charting.Diverged);
            marker.LegendText = "diverged (dashed, × where it stopped)";
        }
        Charting.LogAxis(plot.Axes.Left);
        plot.ShowLegend(Edge.Right);
        string axis = analysis.Axes.Count > 0 ? SweepAnalysis.ShortName(analysis.Axes[0]) : "trial";
        string scale = analysis.IsLogSpaced(0) ? "on a log scale" : "linearly";
        string caption = $"Recorded cost per epoch, {how}, coloured by {axis} ({scale}: dark purple lowest, green–yellow highest).";
        return Charting.Figure("sweep-curves", "Learning curves", caption, plot, series, 900, 480);
    }

    /// <summary>
    /// The groups with a curve whose lines are drawn: all of them up to <see cref="MaxCurves"/>, else an evenly spaced
    /// sample, picked in one pass over the groups (no list of them all).
    /// </summary>
    private static List<SweepGroup> CurveSample(SweepAnalysis analysis, int withCurve)
    {
        var shown = new List<SweepGroup>(Math.Min(withCurve, MaxCurves));
        int rank = 0;
        foreach (var group in analysis.Groups)
        {
            if (!group.HasCurve) continue;
            // Sample i is the group of rank ⌊i · withCurve / MaxCurves⌋ among those with a curve: distinct ranks, since there are more of them.
            if (withCurve <= MaxCurves || (long)shown.Count * withCurve / MaxCurves == rank) shown.Add(group);
            rank++;
        }
        return shown;
    }

    private static int Draw(Plot plot, Curve curve, bool diverged, Color colour, string? legend)
    {
        int n = Charting.Line(plot, curve.Epochs, curve.Costs, legend, diverged ? Charting.Diverged : colour.WithAlpha(0.75),
            diverged ? LinePattern.Dashed : null, diverged ? 1.5f : 1.2f);
        if (diverged)
        {
            int last = Array.FindLastIndex(curve.Costs, c => c > 0 && double.IsFinite(c));
            if (last >= 0) plot.Add.Marker(curve.Epochs[last], Math.Log10(curve.Costs[last]), MarkerShape.Eks, 9, Charting.Diverged);
        }
        return n;
    }

    private static Curve MedianCurve(IReadOnlyList<Curve> curves)
    {
        var longest = curves.OrderByDescending(c => c.Count).First();
        var costs = new double[longest.Count];
        for (int i = 0; i < longest.Count; i++)
        {
            var at = curves.Where(c => c.Count > i).Select(c => c.Costs[i]).Order().ToList();
            costs[i] = at[at.Count / 2];
        }
        return new Curve(longest.Epochs, costs);
    }

    /// <summary>A few groups whose first trial gets a legend entry: all of them up to 10, else 6 spread over the first axis.</summary>
    private static HashSet<SweepGroup> LegendGroups(SweepAnalysis analysis)
    {
        // Values drawn at random are each their group's own: every group is the first of its value.
        var firstOfValue = analysis.Axes.Count > 0 && !analysis.ValuesRepeat(0)
            ? analysis.Groups
            : analysis.Groups.DistinctBy(g => analysis.Axes.Count > 0 ? g.Value(0) : ParameterValue.OfText("")).ToList();
        if (firstOfValue.Count <= 10) return [.. firstOfValue];
        return [.. Enumerable.Range(0, 6).Select(i => firstOfValue[i * (firstOfValue.Count - 1) / 5])];
    }

    private static string Legend(SweepAnalysis analysis, SweepGroup group) =>
        analysis.Axes.Count == 0 ? "trial" : $"{SweepAnalysis.ShortName(analysis.Axes[0])} = {SweepAnalysis.ShortValue(group.Value(0))}";

    /// <summary>Colour by the first axis: a sequential scale over its numbers (log for log-spaced values), or by position for names.</summary>
    private static Func<SweepGroup, Color> ColourScale(SweepAnalysis analysis)
    {
        if (analysis.Axes.Count == 0) return _ => Charting.Categorical[0];
        if (analysis.AxisNumbers(0) is { Count: > 0 } numbers)
        {
            bool log = analysis.IsLogSpaced(0);
            double T(double v) => log ? Math.Log10(v) : v;
            double lo = T(numbers.First), hi = T(numbers.Last);
            return g => Charting.Sequential(hi > lo ? (T(g.Value(0).Parsed!.Value) - lo) / (hi - lo) : 0);
        }
        var values = analysis.AxisValues(0).ToList();
        return g => Charting.Sequential(values.Count > 1 ? (double)values.IndexOf(g.Value(0)) / (values.Count - 1) : 0);
    }

    /// <summary>
    /// Final cost (and validation cost when scored) against the first axis: each trial as a dot and, where settings
    /// share values (a grid, repeats), the mean at each value as a line — one per value of a second axis when that is a
    /// grid's axis of up to 8 values. Values drawn at random (one trial each) get the dots alone: a line through them
    /// would join unrelated trials, and one line per value of a drawn axis (a seed's, say) would be one dot each. Log x
    /// for log-spaced values. Null for a non-numeric axis.
    /// </summary>
    public static ChartFigure? FinalCost(SweepAnalysis analysis)
    {
        if (analysis.Axes.Count == 0 || analysis.AxisNumbers(0) is null) return null;
        bool logX = analysis.IsLogSpaced(0);
        double X(SweepGroup g) => logX ? Math.Log10(g.Value(0).Parsed!.Value) : g.Value(0).Parsed!.Value;
        string axis = SweepAnalysis.ShortName(analysis.Axes[0]);
        var plot = Charting.NewPlot("Final cost against " + axis, axis + (logX ? " (log scale)" : ""), "cost (log scale)");
        var series = new List<ChartSeries>();
        bool lines = !analysis.Sweep.IsRandom || analysis.ValuesRepeat(0);

        int trials = Dots(plot, Points(analysis.Groups, X, t => t.FinalCost),
            analysis.Sweep.SeedsVary && lines ? "each trial (spread over seeds)" : "each trial", Colors.Gray, MarkerShape.OpenCircle, 6);
        if (trials > 0) series.Add(new("each trial", trials));
        if (lines)
        {
            var seconds = analysis.Axes.Count > 1 && analysis.ValuesRepeat(1) ? FirstValues(analysis, 1, 9) : [];
            bool byValue = seconds.Count is > 0 and <= 8;
            // One line per value of the second axis (in the order the groups first have it), else one through all groups.
            var sets = byValue ? seconds.Select(v => analysis.Groups.Where(g => g.Value(1).Equals(v))).ToList() : [analysis.Groups];
            for (int i = 0; i < sets.Count; i++)
            {
                string name = byValue ? $"mean final cost, {SweepAnalysis.ShortName(analysis.Axes[1])} = {SweepAnalysis.ShortValue(seconds[i])}" : "mean final cost";
                int drawn = MeanLine(plot, Points(sets[i], X, t => t.FinalCost), name, Charting.Categorical[i % 8], null);
                if (drawn > 0) series.Add(new(name, drawn));
            }
        }
        if (analysis.Sweep.HasValidation)
        {
            var validation = Points(analysis.Groups, X, t => t.ValidationCost);
            int drawn = lines
                ? MeanLine(plot, validation, "mean validation cost (kept weights)", Charting.Categorical[5], LinePattern.Dashed)
                : Dots(plot, validation, "each trial's validation cost (kept weights)", Charting.Categorical[5], MarkerShape.FilledCircle, 5);
            if (drawn > 0) series.Add(new(lines ? "mean validation cost" : "each trial's validation cost", drawn));
        }
        var (divergedTrials, divergedAt) = DivergedValues(analysis);
        Charting.LogAxis(plot.Axes.Left);
        if (logX) Charting.LogAxis(plot.Axes.Bottom);
        // Dots alone reach the top left (the stalled trials of small values); their legend goes where costs are lowest.
        plot.ShowLegend(lines ? Alignment.UpperLeft : Alignment.LowerLeft);
        string caption = (lines
                ? $"The trained network's final cost for each setting of {axis}: grey circles are single trials, the line their mean."
                : $"The trained network's final cost against {axis}, one grey circle per trial: its values were drawn at random, one trial each" +
                  (analysis.Sweep.SeedsVary ? " with a seed of its own" : "") + ", so no line joins them.") +
            (divergedTrials > 0 ? $" Diverged trials are left out ({divergedTrials}, at {string.Join(", ", divergedAt)})." : "");
        return Charting.Figure("sweep-final", "Final cost against the swept value", caption, plot, series, 900, 460);
    }

    /// <summary>The first <paramref name="count"/> distinct values of the axis in the groups' order (fewer when it has fewer).</summary>
    private static List<ParameterValue> FirstValues(SweepAnalysis analysis, int axis, int count)
    {
        var values = new List<ParameterValue>(count);
        foreach (var g in analysis.Groups)
        {
            if (values.Contains(g.Value(axis))) continue;
            if (values.Count == count) break;
            values.Add(g.Value(axis));
        }
        return values;
    }

    /// <summary>How many trials diverged, and the distinct first-axis values of the groups they are in, in the groups' order.</summary>
    private static (int Trials, List<string> Values) DivergedValues(SweepAnalysis analysis)
    {
        int trials = 0;
        var values = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in analysis.Groups)
        {
            int diverged = g.DivergedCount;
            if (diverged == 0) continue;
            trials += diverged;
            if (seen.Add(SweepAnalysis.ShortValue(g.Value(0)))) values.Add(SweepAnalysis.ShortValue(g.Value(0)));
        }
        return (trials, values);
    }

    /// <summary>
    /// Each completed trial's (x, cost), leaving out costs a log axis cannot show, one at a time: the dots are a sample
    /// and the line a mean at each x, so no list of every trial's point is made.
    /// </summary>
    private static IEnumerable<(double X, double Cost)> Points(IEnumerable<SweepGroup> groups, Func<SweepGroup, double> x, Func<SweepTrial, double> cost)
    {
        var completed = new List<SweepTrial>();
        foreach (var g in groups)
        {
            completed.Clear();
            g.Analysis.AddCompleted(g.Slot, completed);
            foreach (var t in completed)
                if (!double.IsNaN(Charting.Log(cost(t)))) yield return (x(g), cost(t));
        }
    }

    /// <summary>A line through the mean cost at each x; returns its point count.</summary>
    private static int MeanLine(Plot plot, IEnumerable<(double X, double Cost)> points, string legend, Color colour, LinePattern? pattern)
    {
        var means = MeanAtEachX(points);
        if (means.Count == 0) return 0;
        var line = plot.Add.Scatter(means.Select(p => p.X).ToArray(), means.Select(p => Charting.Log(p.Cost)).ToArray(), colour);
        line.LineWidth = 2;
        line.MarkerSize = 7;
        if (pattern is { } p) line.LinePattern = p;
        line.LegendText = legend;
        return means.Count;
    }

    /// <summary>
    /// The mean cost at each distinct x (as grouping the points by x and averaging each group gives it: summed from
    /// its first point, in the points' order), ascending by x; held per x, not per point.
    /// </summary>
    private static List<(double X, double Cost)> MeanAtEachX(IEnumerable<(double X, double Cost)> points)
    {
        var at = new Dictionary<double, int>();
        var sums = new List<(double X, double Sum, long Count)>();
        foreach (var (x, cost) in points)
            if (at.TryGetValue(x, out int i)) sums[i] = (sums[i].X, sums[i].Sum + cost, sums[i].Count + 1);
            else
            {
                at[x] = sums.Count;
                sums.Add((x, cost, 1));
            }
        return sums.OrderBy(s => s.X).Select(s => (s.X, s.Sum / s.Count)).ToList();
    }

    /// <summary>Dots drawn at most per series: 100,000 trials drew a 12 MB chart that no one can tell apart from 3,000 of them.</summary>
    public const int MaxDots = 3000;

    private static int Dots(Plot plot, IEnumerable<(double X, double Cost)> points, string legend, Color colour, MarkerShape shape, float size)
    {
        var (shown, count) = Sample(points);
        if (count == 0) return 0;
        var dots = plot.Add.Markers(shown.Select(p => p.X).ToArray(), shown.Select(p => Charting.Log(p.Cost)).ToArray(), shape, size, colour);
        dots.LegendText = shown.Count < count ? $"{legend} (an even sample of {shown.Count:N0} of {count:N0}, the lowest included)" : legend;
        return shown.Count;
    }

    /// <summary>
    /// At most <see cref="MaxDots"/> points: every k-th in the sweep's order (which is no order of the values or costs,
    /// so the sample keeps the cloud's shape), plus the lowest cost, which the eye looks for first.
    /// </summary>
    internal static List<(double X, double Cost)> Sample(List<(double X, double Cost)> points) => Sample((IEnumerable<(double X, double Cost)>)points).Shown;

    /// <summary>
    /// The sample of the points and how many there were, in two passes over them (their count and lowest, then the
    /// sample), holding the sample alone: the points of a million trials are 16 MB.
    /// </summary>
    private static (List<(double X, double Cost)> Shown, int Count) Sample(IEnumerable<(double X, double Cost)> points)
    {
        int count = 0, lowest = 0;
        double lowestCost = double.NaN;
        foreach (var (_, cost) in points)
        {
            if (count == 0 || cost < lowestCost) (lowest, lowestCost) = (count, cost);
            count++;
        }
        if (count <= MaxDots) return (points.ToList(), count);
        var shown = new List<(double X, double Cost)>(MaxDots);
        (double X, double Cost) lowestPoint = default;
        int i = 0;
        foreach (var point in points)
        {
            if (i == lowest) lowestPoint = point;
            // The points are more than the sample: its indexes rise by more than 1, each is met once, in order.
            if (shown.Count < MaxDots - 1 && i == SampleIndex(shown.Count, count)) shown.Add(point);
            i++;
        }
        bool onGrid = false;
        for (int k = 0; k < MaxDots - 1 && !onGrid; k++) onGrid = SampleIndex(k, count) == lowest;
        if (!onGrid) shown.Add(lowestPoint);
        return (shown, count);
    }

    /// <summary>The index of the k-th of the evenly spaced points sampled from <paramref name="count"/>.</summary>
    private static int SampleIndex(int k, int count) => (int)((long)k * count / (MaxDots - 1));

    /// <summary>For two axes: the ranking metric (mean over repeats, log10) over the grid of both axes' values.</summary>
    public static ChartFigure? Heatmap(SweepAnalysis analysis)
    {
        // A grid's cells; a random sweep's values are nearly all distinct, which no heatmap can show (10,000 trials
        // made a 10,000 × 10,000 one: 2.6 GB and 40 s; 40 made a 40 × 40 one with 40 cells filled). The final-cost chart
        // and the tables show those.
        if (analysis.Axes.Count != 2 || !analysis.ValuesRepeat(0) || !analysis.ValuesRepeat(1)) return null;
        var xs = Sorted(analysis, 0);
        var ys = Sorted(analysis, 1);
        if (xs.Count > MaxHeatmapSide || ys.Count > MaxHeatmapSide) return null;
        bool validation = analysis.RanksByValidation;
        var values = new double[ys.Count, xs.Count];
        for (int r = 0; r < ys.Count; r++)
            for (int c = 0; c < xs.Count; c++) values[r, c] = double.NaN;
        foreach (var g in analysis.Groups)
        {
            int c = xs.IndexOf(g.Value(0)), r = ys.Count - 1 - ys.IndexOf(g.Value(1));
            values[r, c] = Charting.Log(g.Metric(validation));
        }
        string metric = validation ? "mean validation cost" : "mean final cost";
        var plot = Charting.NewPlot($"{metric} (log10)", SweepAnalysis.ShortName(analysis.Axes[0]), SweepAnalysis.ShortName(analysis.Axes[1]));
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Extent = new CoordinateRect(-0.5, xs.Count - 0.5, -0.5, ys.Count - 0.5);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.NaNCellColor = Colors.LightGray;
        var bar = plot.Add.ColorBar(heatmap);
        bar.Label = "log10 " + metric;
        if (xs.Count * ys.Count <= 225)
            for (int r = 0; r < ys.Count; r++)
                for (int c = 0; c < xs.Count; c++)
                {
                    double v = values[ys.Count - 1 - r, c];
                    var text = plot.Add.Text(double.IsNaN(v) ? "—" : Format.Cost(Math.Pow(10, v)), c, r);
                    text.LabelFontSize = 11;
                    text.LabelAlignment = Alignment.MiddleCenter;
                    text.LabelFontColor = Colors.White;
                    text.LabelBackgroundColor = Colors.Black.WithAlpha(0.35);
                }
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, xs.Count).Select(i => (double)i).ToArray(), xs.Select(SweepAnalysis.ShortValue).ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, ys.Count).Select(i => (double)i).ToArray(), ys.Select(SweepAnalysis.ShortValue).ToArray());
        plot.Axes.SetLimits(-0.5, xs.Count - 0.5, -0.5, ys.Count - 0.5);
        string caption = $"The {metric} of every combination (grey: no completed trial). Darker is lower (better).";
        return Charting.Figure("sweep-heatmap", "Heatmap of the ranking metric", caption, plot, [new(metric, xs.Count * ys.Count)], 760, 520);
    }

    private static List<ParameterValue> Sorted(SweepAnalysis analysis, int axis) =>
        analysis.AxisNumbers(axis) is not null
            ? analysis.AxisValues(axis).OrderBy(v => v.Parsed).ToList()
            : analysis.AxisValues(axis).ToList();
}
