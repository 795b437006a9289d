using System.Globalization;
using System.Numerics;
using NnLab.Experiments;
using NnLab.Reports.Data;
using NnLab.Training;

namespace NnLab.Reports.Runs;

/// <summary>
/// The trained network's output over a grid of the input plane (two raw data columns, whatever features and
/// normalisation stand between them and the network), with the training points by class: the tutorial's XOR figure.
/// </summary>
internal sealed record DecisionBoundary(
    string XName, string YName, double[] XRange, double[] YRange, double[,] Values, string ValueLabel,
    IReadOnlyList<(string Class, double[] X, double[] Y)> Points)
{
    public const int GridSize = 100;

    /// <summary>
    /// Computes the figure for <paramref name="experiment"/> with <paramref name="run"/>'s final weights, or returns
    /// null with the reason there is none (not two raw columns, regression targets, no weights).
    /// </summary>
    public static DecisionBoundary? Compute(Experiment experiment, RunFolderData run, out string? why)
    {
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
        if (run.ReadFinalWeights() is not { } weights)
        {
            why = "weights.json is missing or unreadable";
            return null;
        }
        var session = experiment.CreateSession();
        bool loaded = session switch
        {
            ExperimentSession<double> d => Load(d.Network, weights),
            ExperimentSession<float> f => Load(f.Network, weights),
            _ => false,
        };
        if (!loaded)
        {
            why = "weights.json does not match the network the configuration builds";
            return null;
        }

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
        var (_, outputs) = session.Score(new DataSplit(inputs, new Matrix<double>(data.Targets.Rows, n * n)));
        var values = new double[n, n];
        string label;
        if (outputs.Rows == 1) label = "network output";
        else if (outputs.Rows == 2) label = $"P({ClassName(data, 1)})";
        else label = "predicted class";
        for (int j = 0; j < n * n; j++)
            values[j / n, j % n] = outputs.Rows switch
            {
                1 => outputs[0, j],
                2 => outputs[1, j],
                _ => ArgMax(outputs, j),
            };

        var points = new List<(string, double[], double[])>();
        for (int k = 0; k < classes.Max() + 1; k++)
        {
            var members = Enumerable.Range(0, classes.Length).Where(i => classes[i] == k).ToList();
            if (members.Count == 0) continue;
            points.Add((ClassName(data, k), members.Select(i => xs[i]).ToArray(), members.Select(i => ys[i]).ToArray()));
        }
        why = null;
        return new DecisionBoundary(columns[0], columns[1], xRange, yRange, values, label, points);
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

    private static double[] Padded(List<double> values)
    {
        double min = values.Count == 0 ? 0 : values.Min(), max = values.Count == 0 ? 1 : values.Max();
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
