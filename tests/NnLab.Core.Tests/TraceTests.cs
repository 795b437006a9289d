using System.Globalization;
using System.Text.RegularExpressions;
using NnLab.Costs;
using NnLab.Layers;
using NnLab.Diagnostics.Tracing;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

/// <summary>
/// The update tracer against the tutorial's hand calculations, printed at its rounding (3 decimals), and against
/// the trainer: tracing changes nothing.
/// </summary>
public class TraceTests
{
    /// <summary>
    /// One unit of the third decimal: the tutorial rounds every intermediate value and computes on with the rounded
    /// ones, so a printed figure can differ from the exact one rounded by that much (dW2 = 0.0235: 0.023 there, 0.024 here).
    /// </summary>
    private const double OneUnit = 1e-3 + 1e-9;

    private static readonly Matrix<double> FeatureCrossInputs = Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1], [0, 0, 0, 1]);

    internal static (Trace Trace, Network<double> Network) Run(ComponentSpec[] layers, Matrix<double> x, Matrix<double> y,
        IOptimizer<double> optimizer, TrainingSettings settings, int first, int count, ICost<double>? cost = null,
        ICost<double>? probeCost = null, uint seed = 0, ComponentRegistry? registry = null)
    {
        var network = Network<double>.Build(layers, x.Rows, new NumpyRandomState(seed), ReferenceMatrixOperations<double>.Instance,
            registry ?? TestModels.Registry);
        var probe = Network<double>.Build(layers, x.Rows, new NumpyRandomState(seed), ReferenceMatrixOperations<double>.Instance,
            registry ?? TestModels.Registry);
        var tracer = new UpdateTracer<double>(network, cost ?? HalfSquaredError, optimizer, probe, probeCost ?? HalfSquaredError,
            "half_squared_error", "gradient_descent");
        return (tracer.Run("test", x, y, settings, first, count), network);
    }

    private static string OrText(int steps = 1) =>
        TraceWriter.Write(Run([Linear(1, Values([0.1, 0.6])), Sigmoid], XorInputs, OrTargets, GradientDescent(1),
            new TrainingSettings(2, 1), 0, steps).Trace, TraceFormat.Text, new TraceView());

    [Fact]
    public void Or_worked_example_prints_every_number_of_the_tutorials_first_iteration()
    {
        var text = OrText();
        AssertRows(text, "X", [0, 0, 1, 1], [0, 1, 0, 1]);
        AssertRows(text, "W", [0.1, 0.6]);
        AssertRows(text, "b", [0]);
        AssertRows(text, "Z", [0, 0.6, 0.1, 0.7]);
        AssertRows(text, "Ŷ", [0.5, 0.646, 0.525, 0.668]);
        AssertRows(text, "Y", [0, 1, 1, 1]);
        Assert.Equal(0.089, Scalar(text, "Cost"), OneUnit);
        AssertRows(text, "∂Cost/∂Ŷ", [0.125, -0.089, -0.119, -0.083]);
        AssertRows(text, "∂Ŷ/∂Z", [0.25, 0.229, 0.249, 0.222]);
        AssertRows(text, "∂Cost/∂Z", [0.031, -0.020, -0.030, -0.018]);
        AssertRows(text, "Xᵀ", [0, 0], [0, 1], [1, 0], [1, 1]);
        AssertRows(text, "Wᵀ", [0.1], [0.6]);
        AssertRows(text, "∂Cost/∂W", [-0.048, -0.038]);
        AssertRows(text, "∂Cost/∂b", [-0.037]);
        // The update: old value, gradient, finite difference, new value.
        AssertUpdate(text, "W(1,1)", 0.1, -0.048, 0.148);
        AssertUpdate(text, "W(1,2)", 0.6, -0.038, 0.638);
        AssertUpdate(text, "b(1)", 0, -0.037, 0.037);
        Assert.Contains("Cost = 1/(2m)·Σ(Y − Ŷ)²; m = 4", text);
        Assert.Contains("local ∂Ŷ/∂Z = Ŷ ⊙ (1 − Ŷ)", text);
        Assert.Contains("product ∂Cost/∂Z = ∂Cost/∂Ŷ ⊙ ∂Ŷ/∂Z", text);
        Assert.Contains("θ ← θ − α·∂Cost/∂θ", text);
    }

    [Fact]
    public void Or_worked_example_second_iteration_costs_0_084_with_the_tutorials_gradients()
    {
        var second = Update(OrText(steps: 2), 1);
        AssertRows(second, "W", [0.148, 0.638]);
        AssertRows(second, "b", [0.037]);
        AssertRows(second, "Z", [0.037, 0.675, 0.185, 0.823]);
        AssertRows(second, "Ŷ", [0.509, 0.663, 0.546, 0.695]);
        Assert.Equal(0.084, Scalar(second, "Cost"), OneUnit);
        AssertRows(second, "∂Cost/∂W", [-0.044, -0.035]);
        AssertRows(second, "∂Cost/∂b", [-0.031]);
    }

    [Fact]
    public void Or_trace_fits_an_80_column_terminal()
    {
        foreach (var line in OrText(steps: 2).Split('\n'))
            Assert.True(line.Length <= 80, $"{line.Length} characters: {line}");
    }

    [Fact]
    public void Xor_2_3_1_worked_example_prints_every_number_of_the_tutorials_iteration()
    {
        var text = TraceWriter.Write(Xor231(GradientDescent(1), new TrainingSettings(2, 1), 0, 1).Trace, TraceFormat.Text, new TraceView());
        AssertRows(text, "W[1]", [0.1, 0.6], [0.2, 0.4], [0.3, 0.7]);
        AssertRows(text, "b[1]", [0], [0], [0]);
        AssertRows(text, "Z[1]", [0, 0.6, 0.1, 0.7], [0, 0.4, 0.2, 0.6], [0, 0.7, 0.3, 1]);
        AssertRows(text, "A[1]", [0.5, 0.646, 0.525, 0.668], [0.5, 0.6, 0.55, 0.646], [0.5, 0.668, 0.574, 0.731]);
        AssertRows(text, "W[2]", [0.1, 0.4, 0.9]);
        AssertRows(text, "Z[2]", [0.7, 0.906, 0.789, 0.983]);
        AssertRows(text, "Ŷ", [0.668, 0.712, 0.688, 0.728]);
        Assert.Equal(0.145, Scalar(text, "Cost"), OneUnit);
        AssertRows(text, "∂Cost/∂Ŷ", [0.167, -0.072, -0.078, 0.182]);
        AssertRows(text, "∂Ŷ/∂Z[2]", [0.222, 0.205, 0.215, 0.198]);
        AssertRows(text, "∂Cost/∂Z[2]", [0.037, -0.015, -0.017, 0.036]);
        AssertRows(text, "A[1]ᵀ", [0.5, 0.5, 0.5], [0.646, 0.6, 0.668], [0.525, 0.55, 0.574], [0.668, 0.646, 0.731]);
        AssertRows(text, "W[2]ᵀ", [0.1], [0.4], [0.9]);
        AssertRows(text, "∂Cost/∂W[2]", [0.024, 0.023, 0.025]);
        AssertRows(text, "∂Cost/∂b[2]", [0.041]);
        AssertRows(text, "∂Cost/∂A[1]", [0.004, -0.002, -0.002, 0.004], [0.015, -0.006, -0.007, 0.014], [0.033, -0.014, -0.015, 0.032]);
        // The tutorial prints 0.254 for σ′(z) at A = 0.574 (0.574 · 0.426 = 0.245): a slip; every other value as printed.
        var local = Rows(text, "∂A[1]/∂Z[1]");
        AssertClose([[0.25, 0.229, 0.249, 0.222], [0.25, 0.24, 0.248, 0.229], [0.25, 0.222, 0.245, 0.197]], local);
        AssertRows(text, "∂Cost/∂Z[1]", [0.001, 0, 0, 0.001], [0.004, -0.001, -0.002, 0.003], [0.008, -0.003, -0.004, 0.006]);
        AssertRows(text, "Xᵀ", [0, 0], [0, 1], [1, 0], [1, 1]);
        AssertRows(text, "∂Cost/∂W[1]", [0.001, 0.001], [0.001, 0.002], [0.002, 0.003]);
        AssertRows(text, "∂Cost/∂b[1]", [0.002], [0.004], [0.007]);
        // The update (Fig 82): W2, b2, W1 (its second, corrected form) and b1.
        AssertUpdate(text, "W[2](1,1)", 0.1, 0.024, 0.076);
        AssertUpdate(text, "W[2](1,2)", 0.4, 0.023, 0.377);
        AssertUpdate(text, "W[2](1,3)", 0.9, 0.025, 0.875);
        AssertUpdate(text, "b[2](1)", 0, 0.041, -0.041);
        double[][] w1 = [[0.1, 0.6, 0.001, 0.001, 0.099, 0.599], [0.2, 0.4, 0.001, 0.002, 0.199, 0.398], [0.3, 0.7, 0.002, 0.003, 0.298, 0.697]];
        for (int r = 0; r < 3; r++)
            for (int c = 0; c < 2; c++) AssertUpdate(text, $"W[1]({r + 1},{c + 1})", w1[r][c], w1[r][2 + c], w1[r][4 + c]);
        double[] b1 = [0.002, 0.004, 0.007];
        for (int r = 0; r < 3; r++) AssertUpdate(text, $"b[1]({r + 1})", 0, b1[r], -b1[r]);
    }

    [Fact]
    public void Xor_2_3_1_second_iteration_has_the_tutorials_gradients()
    {
        var second = Update(TraceWriter.Write(Xor231(GradientDescent(1), new TrainingSettings(2, 1), 1, 1).Trace, TraceFormat.Text,
            new TraceView()), 0);
        AssertRows(second, "∂Cost/∂W[2]", [0.023, 0.022, 0.024]);
        AssertRows(second, "∂Cost/∂b[2]", [0.039]);
        AssertRows(second, "∂Cost/∂W[1]", [0, 0], [0.001, 0.002], [0.002, 0.003]);
        AssertRows(second, "∂Cost/∂b[1]", [0.001], [0.003], [0.007]);
    }

    [Fact]
    public void Feature_cross_worked_example_prints_the_tutorials_gradients_and_update()
    {
        var text = TraceWriter.Write(Run([Linear(1, Values([0.1, 0.6, 0.2])), Sigmoid], FeatureCrossInputs, XorTargets, GradientDescent(1),
            new TrainingSettings(1, 1), 0, 1).Trace, TraceFormat.Text, new TraceView());
        AssertRows(text, "X", [0, 0, 1, 1], [0, 1, 0, 1], [0, 0, 0, 1]);
        AssertRows(text, "∂Cost/∂W", [0.007, 0.016, 0.037]);
        AssertRows(text, "∂Cost/∂b", [0.018]);
        AssertUpdate(text, "W(1,1)", 0.1, 0.007, 0.093);
        AssertUpdate(text, "W(1,2)", 0.6, 0.016, 0.584);
        AssertUpdate(text, "W(1,3)", 0.2, 0.037, 0.163);
        AssertUpdate(text, "b(1)", 0, 0.018, -0.018);
    }

    [Fact]
    public void Finite_differences_agree_with_the_chain_rule()
    {
        var (trace, _) = Xor231(GradientDescent(1), new TrainingSettings(2, 1), 0, 2);
        foreach (var p in trace.Updates.SelectMany(u => u.Parameters))
        {
            Assert.Equal(p.Before.Length, p.Checked);
            for (int k = 0; k < p.Checked; k++)
                Assert.True(Math.Abs(p.Gradient.Data[k] - p.FiniteDifferences[k]) < 1e-9, $"{p.Label}[{k}]: {p.Gradient.Data[k]} vs {p.FiniteDifferences[k]}");
        }
        // and as printed, at every number of digits: the finite-difference column shows the gradient's digits.
        foreach (int digits in new[] { 3, 6, 9 })
        {
            var text = TraceWriter.Write(trace, TraceFormat.Text, new TraceView(digits));
            var rows = text.Split('\n').Where(l => Regex.IsMatch(l, @"^  [Wb]\[\d\]\(")).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
            Assert.Equal(26, rows.Count);
            Assert.All(rows, r => Assert.Equal(r[2], r[3]));
        }
    }

    [Fact]
    public void Separate_pass_gradients_equal_the_training_gradients_also_with_a_fused_relu()
    {
        var layers = new[] { Linear(5, "he"), Spec(ComponentKind.Layer, "relu"), Linear(4, "he"), Spec(ComponentKind.Layer, "relu"), Linear(1, "xavier"), Sigmoid };
        var (trace, _) = Run(layers, XorInputs, XorTargets, GradientDescent(0.5), new TrainingSettings(30, 1), 20, 3, seed: 3);
        foreach (var u in trace.Updates)
            foreach (var node in u.Nodes)
                foreach (var p in node.Parameters)
                    Assert.Equal(u.Parameters.Single(q => q.Label == p.Label).Gradient.Data, p.Gradient.Data);
    }

    [Theory]
    [InlineData("sgd", 0, 7, 3)]
    [InlineData("momentum", 0, 4, 2)]
    [InlineData("adam", 0, 0, 6)]
    [InlineData("adam", 3, 3, 3)]   // mini-batches of 3 (3 + 1 examples): 2 updates an epoch
    [InlineData("momentum", 3, 5, 1)]
    public void Tracing_leaves_the_weights_of_a_normal_run(string optimizerName, int batchSize, int first, int count)
    {
        IOptimizer<double> Optimizer() => optimizerName switch
        {
            "momentum" => new MomentumOptimizer<double>(new MomentumOptions { LearningRate = 0.5 }),
            "adam" => new AdamOptimizer<double>(new AdamOptions { LearningRate = 0.05 }),
            _ => GradientDescent(1),
        };
        var layers = new[] { Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid };
        int perEpoch = batchSize == 0 ? 1 : 2;
        int epochs = (first + count + perEpoch - 1) / perEpoch;
        var settings = new TrainingSettings(epochs, 1, batchSize, Shuffle: batchSize > 0, ShuffleSeed: 49);
        var (trace, traced) = Run(layers, XorInputs, XorTargets, Optimizer(), settings with { Epochs = epochs + 2 }, first, count, seed: 48);
        Assert.Equal(first + count - 1, trace.Updates[^1].Update);
        Assert.Equal(Enumerable.Range(first, count), trace.Updates.Select(u => u.Update));

        // A normal run of whole epochs, then the same number of updates: the trace stops at an epoch's end here.
        Assert.Equal(0, (first + count) % perEpoch);
        var trained = Build(2, 48, layers);
        new Trainer<double>(trained, HalfSquaredError, Optimizer()).Train(XorInputs, XorTargets, settings, new CostRecorder());
        for (int i = 0; i < trained.Parameters.Count; i++)
            Assert.Equal(trained.Parameters[i].Value.Data, traced.Parameters[i].Value.Data);
        // The last traced update's new values are the weights the network is left with.
        Assert.Equal(traced.Parameters.Select(p => p.Value.Data), trace.Updates[^1].Parameters.Select(p => p.After.Data));
    }

    [Fact]
    public void Optimizer_state_is_shown_for_momentum_and_adam()
    {
        var (trace, _) = Xor231(new AdamOptimizer<double>(new AdamOptions { LearningRate = 0.1 }), new TrainingSettings(3, 1), 1, 1);
        var u = trace.Updates.Single();
        Assert.Equal(["α", "β1", "β2", "ε", "t", "1−β1^t", "1−β2^t"], u.Optimizer.Scalars.Select(s => s.Name));
        Assert.Equal(1 - 0.9 * 0.9, u.Optimizer.Scalars.Single(s => s.Name == "1−β1^t").Value, 1e-15);
        var b2 = u.Parameters.Single(p => p.Label == "b[2]");
        Assert.Equal(["m", "v"], b2.State.Select(s => s.Name));
        var text = TraceWriter.Write(trace, TraceFormat.Text, new TraceView());
        Assert.Contains("m̂ = m/(1−β1^t)", text);
        Assert.Matches(@"θ\s+before\s+∂Cost/∂θ\s+finite diff\s+m\s+v\s+after", text);

        var momentum = Xor231(new MomentumOptimizer<double>(new MomentumOptions { LearningRate = 0.5 }), new TrainingSettings(2, 1), 0, 1).Trace;
        var p0 = momentum.Updates[0].Parameters[0];
        // From v = 0: v = −α·g, and W moves by v.
        for (int k = 0; k < p0.Before.Length; k++)
        {
            Assert.Equal(-0.5 * p0.Gradient.Data[k], p0.State[0].Values.Data[k], 1e-17);
            Assert.Equal(p0.Before.Data[k] + p0.State[0].Values.Data[k], p0.After.Data[k], 1e-17);
        }
    }

    [Fact]
    public void A_layer_stating_no_formula_shows_its_numeric_local_gradient()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        registry.Register(typeof(CubeLayer), new RegisterAttribute("cube"), "test");
        var layers = new[] { new ComponentSpec(registry.Get(ComponentKind.Layer, "linear"), new LinearOptions { Units = 2, Init = Values([0.5, -0.25], [0.2, 0.4]) }),
            new ComponentSpec(registry.Get(ComponentKind.Layer, "cube"), null), new ComponentSpec(registry.Get(ComponentKind.Layer, "linear"), new LinearOptions { Units = 1, Init = Values([1.0, 1.0]) }) };
        var (trace, _) = Run(layers, XorInputs, XorTargets, GradientDescent(0.1), new TrainingSettings(1, 1), 0, 1, registry: registry);
        var cube = trace.Updates[0].Nodes[1];
        Assert.Equal(LocalGradientKind.Elementwise, cube.Kind);
        Assert.Null(cube.LocalGradientFormula);
        var z = trace.Updates[0].Nodes[0].Output;
        for (int i = 0; i < z.Length; i++) Assert.Equal(3 * z.Data[i] * z.Data[i], cube.LocalGradient!.Data[i], 1e-15);
        var text = TraceWriter.Write(trace, TraceFormat.Text, new TraceView());
        Assert.Contains("node 1: cube", text);
        Assert.Contains("A[1] = cube(Z[1]) (no formula stated)", text);
        Assert.Contains("local ∂A[1]/∂Z[1] (no formula stated: the layer's backward pass at upstream 1)", text);
    }

    [Fact]
    public void Softmax_is_traced_as_a_jacobian_per_example()
    {
        var layers = new[] { Linear(2, "xavier"), Spec(ComponentKind.Layer, "softmax") };
        var targets = Matrix.FromRows([1, 0, 0, 1], [0, 1, 1, 0]);
        var (trace, _) = Run(layers, XorInputs, targets, GradientDescent(1), new TrainingSettings(1, 1), 0, 1, seed: 48);
        var node = trace.Updates[0].Nodes[1];
        Assert.Equal(LocalGradientKind.Jacobian, node.Kind);
        Assert.Contains("a Jacobian per example", TraceWriter.Write(trace, TraceFormat.Text, new TraceView()));
    }

    [Fact]
    public void Examples_pick_columns_and_large_matrices_are_elided_with_a_summary()
    {
        var x = new Matrix<double>(12, 20);
        for (int i = 0; i < x.Length; i++) x.Data[i] = (i % 7) / 7.0;
        var y = new Matrix<double>(1, 20);
        for (int i = 0; i < 20; i++) y.Data[i] = i % 2;
        var (trace, _) = Run([Linear(10, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid], x, y, GradientDescent(1), new TrainingSettings(1, 1), 0, 1, seed: 1);
        var text = TraceWriter.Write(trace, TraceFormat.Text, new TraceView(Examples: [1, 19]));
        Assert.Contains("(examples 2, 20 of 20", text);
        Assert.Contains("rows 1–6 of 12", text);
        Assert.Contains("W[1] (10×12): first 12 of 120 shown", text);
        Assert.Matches(@"columns 1–6 of 12; rows 1–6 of 10; min -?[\d.]+, max [\d.]+, mean -?[\d.]+", text);
        var full = TraceWriter.Write(trace, TraceFormat.Text, new TraceView());
        Assert.Contains("examples 1–6 of 20", full);
    }

    [Fact]
    public void Markdown_and_html_hold_the_same_sections()
    {
        var trace = Run([Linear(1, Values([0.1, 0.6])), Sigmoid], XorInputs, OrTargets, GradientDescent(1), new TrainingSettings(2, 1), 0, 1).Trace;
        var markdown = TraceWriter.Write(trace, TraceFormat.Markdown, new TraceView());
        Assert.Contains("## Forward pass", markdown);
        Assert.Contains("### node 1: sigmoid", markdown);
        Assert.Contains("| W(1,1) | 0.1 | -0.048 | -0.048 | 0.148 |", markdown);
        var html = TraceWriter.Write(trace, TraceFormat.Html, new TraceView());
        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.DoesNotContain("http", html);
        Assert.Equal(Regex.Matches(html, "<section>").Count, Regex.Matches(html, "</section>").Count);
        Assert.Contains("<h3>node 0: linear</h3>", html);
        Assert.Contains("<td>0.646</td>", html);
    }

    [Fact]
    public void Numbers_round_as_the_tutorial_and_tiny_values_stay_visible()
    {
        Assert.Equal("0.031", TraceWriter.Number(0.03125, 3));
        Assert.Equal("-0.02", TraceWriter.Number(-0.0199, 3));
        Assert.Equal("0.5", TraceWriter.Number(0.5, 3));
        Assert.Equal("0", TraceWriter.Number(0, 3));
        Assert.Equal("-3.38e-04", TraceWriter.Number(-0.000338, 3));
        Assert.Equal("0.08911", TraceWriter.Number(0.0891123, 5));
    }

    [Fact]
    public void Training_that_diverges_before_the_update_is_reported()
    {
        var layers = new[] { Linear(1, "plain") };
        var x = Matrix.FromRows([1, 2, 3, 4]);
        var y = Matrix.FromRows([3, 5, 7, 9]);
        var e = Assert.Throws<TraceException>(() => Run(layers, x, y, GradientDescent(50), new TrainingSettings(100, 1), 50, 1));
        Assert.Contains("diverged at update", e.Message);
    }

    private static (Trace Trace, Network<double> Network) Xor231(IOptimizer<double> optimizer, TrainingSettings settings, int first, int count) =>
        Run([Linear(3, Values([0.1, 0.6], [0.2, 0.4], [0.3, 0.7])), Sigmoid, Linear(1, Values([0.1, 0.4, 0.9])), Sigmoid],
            XorInputs, XorTargets, optimizer, settings, first, count);

    // ---- reading the text back ------------------------------------------------------------------------------------

    /// <summary>The text of traced update <paramref name="index"/> (0-based within the trace).</summary>
    internal static string Update(string text, int index) => Regex.Split(text, @"(?m)^(?=\S.*: update \d+ of \d+)").Where(s => s.Length > 0).ElementAt(index);

    /// <summary>The rows of the first matrix printed as "  LABEL (r×c) = …".</summary>
    internal static double[][] Rows(string text, string label)
    {
        var lines = text.Split('\n');
        int i = Array.FindIndex(lines, l => l.StartsWith($"  {label} (", StringComparison.Ordinal) && l.Contains(") ="));
        Assert.True(i >= 0, $"no matrix {label} in\n{text}");
        var rows = new List<double[]>();
        int bracket = lines[i].IndexOf("= [", StringComparison.Ordinal);
        if (bracket >= 0) rows.Add(Numbers(lines[i][(bracket + 2)..]));
        else
            for (int j = i + 1; j < lines.Length && lines[j].StartsWith("    [", StringComparison.Ordinal); j++) rows.Add(Numbers(lines[j]));
        return rows.ToArray();
    }

    internal static double Scalar(string text, string label)
    {
        var match = Regex.Match(text, $@"(?m)^  {Regex.Escape(label)} = (-?[\d.]+(e[-+]\d+)?)$");
        Assert.True(match.Success, $"no {label} = number in\n{text}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static double[] Numbers(string row) =>
        row.Trim().TrimStart('[').TrimEnd(']').Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();

    private static void AssertRows(string text, string label, params double[][] expected) => AssertClose(expected, Rows(text, label), label);

    private static void AssertClose(double[][] expected, double[][] actual, string label = "")
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int r = 0; r < expected.Length; r++)
            TutorialNumbersTests.AssertClose(expected[r], actual[r], OneUnit);
    }

    /// <summary>The update table's row: old value, gradient, finite difference (printed as the gradient), new value.</summary>
    private static void AssertUpdate(string text, string element, double before, double gradient, double after)
    {
        var cells = text.Split('\n').First(l => l.StartsWith($"  {element} ", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        TutorialNumbersTests.AssertClose([before, gradient, gradient, after], [cells[0], cells[1], cells[2], cells[^1]], OneUnit);
        Assert.Equal(cells[1], cells[2]);
    }

    /// <summary>A plugin-style layer that states no formula: A = Z³.</summary>
    public sealed class CubeLayer : ILayer<double>
    {
        public IReadOnlyList<Parameter<double>> Parameters => [];
        public int Build(LayerBuildContext<double> context) => context.InputSize;

        public void Forward(Matrix<double> input, Matrix<double> output)
        {
            for (int i = 0; i < input.Length; i++) output.Data[i] = input.Data[i] * input.Data[i] * input.Data[i];
        }

        public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient)
        {
            if (inputGradient is null) return;
            for (int i = 0; i < input.Length; i++) inputGradient.Data[i] = outputGradient.Data[i] * 3 * input.Data[i] * input.Data[i];
        }
    }
}
