using System.Globalization;
using System.Numerics;
using NnLab.Experiments;
using NnLab.Reports.Data;
using NnLab.Training;

namespace NnLab.Reports.Runs;

/// <summary>
/// The training points of one class on the plane of a <see cref="DecisionBoundary"/>; <c>Class</c> is the class's
/// index (the network's output row, or the target's value).
/// </summary>
internal sealed record ClassPoints(int Class, string Name, double[] X, double[] Y);

/// <summary>
/// The trained network's output over a grid of the input plane (two raw data columns, whatever features and
/// normalisation stand between them and the network), with the training points by class: the tutorial's XOR figure.
/// <c>Values</c> is the grid, row 0 at the top (largest y): the output in 0..1, or the predicted class's index.
/// </summary>
internal sealed record DecisionBoundary(
    string XName, string YName, double[] XRange, double[] YRange, double[,] Values, string ValueLabel,
    IReadOnlyList<ClassPoints> Points, IReadOnlyList<string> ClassNames, double Threshold)
{
    public const int GridSize = 100;

    public const string NetworkOutput = "network output";
    public const string PredictedClass = "predicted class";

    /// <summary>Whether <see cref="Values"/> are class indices (more than two outputs) rather than an output in 0..1.</summary>
    public bool ValuesAreClasses => ValueLabel == PredictedClass;

    /// <summary>The class predicted where the grid holds <paramref name="value"/> (-1 for NaN): for an output, which side of <see cref="Threshold"/>.</summary>
    public int PredictedSide(double value) =>
        double.IsNaN(value) ? -1 : ValuesAreClasses ? (int)value : value >= Threshold ? 1 : 0;

    /// <summary>
    /// Computes the figure for <paramref name="experiment"/> with <paramref name="trained"/>'s weights when the model that
    /// just trained is at hand (no file read), else with <paramref name="run"/>'s weights.json; or returns null with the
    /// reason there is none (not two raw columns, regression targets, no weights).
    /// </summary>
    public static DecisionBoundary? Compute(Experiment experiment, RunFolderData run, IPredictsOutputs? trained, out string? why)
    {
        if (trained is not null) experiment = trained.Experiment;
        why = null;
        var data = experiment.Data;
        if (data.Features is not { } features || data.Table is not { } table)
        {
            why = "the experiment does not say how its inputs derive from data columns";
            return null;
        }
        var columns = features.SelectMany(f => f.Columns).Distinct().ToList();
        if (columns.Count != 2)
        {
            why = $"the network's {features.Count} input(s) come from {columns.Count} data column(s), not a plane of two";
            return null;
        }
        if (Classes(data) is not { } classes)
        {
            why = "the targets are not classes (regression)";
            return null;
        }
        if ((trained ?? Trained(experiment, run, out why)) is not { } model) return null;

        // The training rows' raw values of the two columns, in the order of the training matrix.
        int xi = IndexOf(table.Columns, columns[0]), yi = IndexOf(table.Columns, columns[1]);
        var xs = new List<double>();
        var ys = new List<double>();
        for (int r = 0; r < table.Rows.Count; r++)
        {
            if (table.Split[r] != DataSplit.TrainName) continue;
            xs.Add(double.Parse(table.Rows[r][xi], CultureInfo.InvariantCulture));
            ys.Add(double.Parse(table.Rows[r][yi], CultureInfo.InvariantCulture));
        }
        var xRange = Padded(xs);
        var yRange = Padded(ys);

        // Grid points: row 0 is the top of the picture (largest y), as a heatmap's first row is drawn.
        int n = GridSize;
        var gx = new double[n * n];
        var gy = new double[n * n];
        for (int r = 0; r < n; r++)
            for (int c = 0; c < n; c++)
            {
                gx[r * n + c] = xRange[0] + (c + 0.5) * (xRange[1] - xRange[0]) / n;
                gy[r * n + c] = yRange[1] - (r + 0.5) * (yRange[1] - yRange[0]) / n;
            }
        var inputs = experiment.PrepareInputs(new Dictionary<string, double[]> { [columns[0]] = gx, [columns[1]] = gy });
        var outputs = model.Predict(inputs);
        var values = new double[n, n];
        string label;
        if (outputs.Rows == 1) label = NetworkOutput;
        else if (outputs.Rows == 2) label = $"P({ClassName(data, 1)})";
        else label = PredictedClass;
        for (int j = 0; j < n * n; j++)
            values[j / n, j % n] = outputs.Rows switch
            {
                1 => outputs[0, j],
                2 => outputs[1, j],
                _ => ArgMax(outputs, j),
            };

        int classCount = outputs.Rows > 2 ? outputs.Rows : 2;
        foreach (int k in classes) classCount = Math.Max(classCount, k + 1);
        var names = new string[classCount];
        for (int k = 0; k < classCount; k++) names[k] = ClassName(data, k);
        // One output is class 1 from the experiment's threshold on; two are P(class 1), the larger of the two from 0.5.
        double threshold = outputs.Rows == 1 ? experiment.PredictionThreshold : 0.5;
        return new DecisionBoundary(columns[0], columns[1], xRange, yRange, values, label, PointsByClass(classes, xs, ys, names), names,
            threshold);
    }

    private static List<ClassPoints> PointsByClass(int[] classes, List<double> xs, List<double> ys, string[] names)
    {
        var points = new List<ClassPoints>();
        for (int k = 0; k < names.Length; k++)
        {
            int count = 0;
            foreach (int c in classes) if (c == k) count++;
            if (count == 0) continue;
            var (x, y) = (new double[count], new double[count]);
            for (int i = 0, m = 0; i < classes.Length; i++)
                if (classes[i] == k)
                {
                    x[m] = xs[i];
                    y[m++] = ys[i];
                }
            points.Add(new ClassPoints(k, names[k], x, y));
        }
        return points;
    }

    /// <summary>The model of <paramref name="experiment"/> holding weights.json's final weights, or null with the reason.</summary>
    private static IPredictsOutputs? Trained(Experiment experiment, RunFolderData run, out string? why)
    {
        why = null;
        if (run.ReadFinalWeights() is not { } weights)
        {
            why = "weights.json is missing or unreadable";
            return null;
        }
        IPredictsOutputs? loaded = experiment.TakeModel() switch
        {
            BuiltModel<double> d when Load(d.Network, weights) => new ModelPredictor<double>(experiment, d.Network, d.Cost),
            BuiltModel<float> f when Load(f.Network, weights) => new ModelPredictor<float>(experiment, f.Network, f.Cost),
            _ => null,
        };
        if (loaded is not null) return loaded;
        why = "weights.json does not match the network the configuration builds";
        return null;
    }

    /// <summary>Each training example's class, or null for regression targets.</summary>
    private static int[]? Classes(ExperimentData data)
    {
        var targets = data.Targets;
        var classes = new int[targets.Cols];
        for (int j = 0; j < targets.Cols; j++)
        {
            if (targets.Rows > 1) classes[j] = ArgMax(targets, j);
            else
            {
                double v = targets[0, j];
                if (v < 0 || v != Math.Round(v) || v > 1000) return null;
                classes[j] = (int)v;
            }
        }
        return classes;
    }

    private static string ClassName(ExperimentData data, int k) =>
        data.ClassLabels is { } labels && k < labels.Count ? labels[k] : $"class {k}";

    private static int ArgMax(Matrix<double> m, int col)
    {
        int best = 0;
        for (int i = 1; i < m.Rows; i++) if (m[i, col] > m[best, col]) best = i;
        return best;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++) if (names[i] == name) return i;
        throw new KeyNotFoundException($"column '{name}' is not in the data table");
    }

    /// <summary>The values' range widened by a fifth of its width on each side (by 1 when it has none).</summary>
    private static double[] Padded(List<double> values)
    {
        double min = values.Count == 0 ? 0 : double.PositiveInfinity, max = values.Count == 0 ? 1 : double.NegativeInfinity;
        foreach (double v in values)
        {
            min = Math.Min(min, v);
            max = Math.Max(max, v);
        }
        double pad = max > min ? 0.2 * (max - min) : 1;
        return [min - pad, max + pad];
    }

    private static bool Load<T>(Network<T> network, IReadOnlyDictionary<int, Dictionary<string, double[][]>> weights)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < network.Layers.Count; i++)
            foreach (var p in network.Layers[i].Parameters)
            {
                if (!weights.TryGetValue(i, out var layer) || !layer.TryGetValue(p.Name, out var rows)) return false;
                if (rows.Length != p.Value.Rows || rows.Any(r => r.Length != p.Value.Cols)) return false;
                for (int r = 0; r < rows.Length; r++)
                    for (int c = 0; c < rows[r].Length; c++)
                        p.Value[r, c] = T.CreateChecked(rows[r][c]);
            }
        return true;
    }
}
