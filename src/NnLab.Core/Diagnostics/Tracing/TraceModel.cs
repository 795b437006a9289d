namespace NnLab.Diagnostics.Tracing;

/// <summary>
/// One or more traced updates of an experiment: every value widened to float64 (which holds float32 values exactly),
/// ready for <c>TraceWriter</c>.
/// </summary>
/// <para><c>Name</c>: The experiment's name.</para>
/// <para><c>Precision</c>: "float64" or "float32": what the values were computed in.</para>
/// <para><c>Examples</c>: Examples in the training data (m of a full batch).</para>
/// <para><c>BatchesPerEpoch</c>: Updates per epoch: 1 for a full batch.</para>
/// <para><c>TotalUpdates</c>: Updates the experiment's training makes in all.</para>
public sealed record Trace(string Name, string Precision, int Examples, int BatchesPerEpoch, int TotalUpdates,
    IReadOnlyList<UpdateTrace> Updates);

/// <summary>Update number <paramref name="Update"/> (0-based), batch <paramref name="Batch"/> of epoch <paramref name="Epoch"/>.</summary>
public sealed record UpdateTrace(int Update, int Epoch, int Batch, string InputName, Matrix<double> Input,
    IReadOnlyList<NodeTrace> Nodes, CostTrace Cost, OptimizerTrace Optimizer, IReadOnlyList<ParameterTrace> Parameters)
{
    /// <summary>Examples in this update's batch.</summary>
    public int BatchSize => Input.Cols;
}

/// <summary>How a node's local gradient was obtained.</summary>
public enum LocalGradientKind
{
    /// <summary>A parameterised layer: its parameter gradients and the gradient passed down are shown instead.</summary>
    Parameterised,

    /// <summary>An elementwise layer: ∂out/∂in per value, from the layer's own backward pass with an upstream gradient of 1.</summary>
    Elementwise,

    /// <summary>Neither: a Jacobian per example (softmax); only the product the layer passes down is shown.</summary>
    Jacobian,
}

/// <summary>One layer of the graph, forward and backward.</summary>
/// <para><c>Index</c>: The layer's index in the model (0-based, as <c>model[i]</c>).</para>
/// <para><c>Layer</c>: The registered name (sigmoid, linear, a plugin's name).</para>
/// <para><c>Options</c>: The layer's options as one line, or empty.</para>
/// <para><c>InputName</c>: The tutorial-style name of the input: X, A[1], …</para>
/// <para><c>OutputName</c>: The name of the output: Z[1], A[1], Ŷ, …</para>
/// <para><c>ForwardFormula</c>: The stated forward formula with names substituted, or null.</para>
/// <para><c>LocalGradientFormula</c>: The stated local-gradient formula with names substituted, or null.</para>
/// <para><c>LocalGradient</c>: Elementwise layers: ∂out/∂in per value; otherwise null.</para>
/// <para><c>InputGradient</c>: ∂Cost/∂input passed down, or null for the first layer (the data are not trained).</para>
public sealed record NodeTrace(int Index, string Layer, string Options, string InputName, string OutputName,
    string? ForwardFormula, string? LocalGradientFormula, Matrix<double> Output, Matrix<double> UpstreamGradient,
    LocalGradientKind Kind, Matrix<double>? LocalGradient, Matrix<double>? InputGradient,
    IReadOnlyList<ParameterTrace> Parameters, bool IsLinear);

/// <summary>The cost node.</summary>
/// <para><c>PredictionName</c>: Ŷ, or the logits' name for a cost fused with its activation.</para>
/// <para><c>Probabilities</c>: For a cost fused with its activation: the predictions σ(Z)/softmax(Z); else null.</para>
public sealed record CostTrace(string Name, string? Formula, string? GradientFormula, string PredictionName,
    Matrix<double> Targets, Matrix<double>? Probabilities, double Value, Matrix<double> Gradient);

/// <summary>The optimizer's rule and the scalars of this update (empty for a plugin optimizer that shows none).</summary>
public sealed record OptimizerTrace(string Name, string? Formula, IReadOnlyList<(string Name, double Value)> Scalars);

/// <summary>One parameter across the update.</summary>
/// <para><c>Label</c>: Its tutorial-style name: W, b for one layer with parameters; W[1], b[2], … for several.</para>
/// <para><c>Before</c>: Its value before the update (what the forward pass used).</para>
/// <para><c>Gradient</c>: ∂Cost/∂parameter, as the training's backward pass computed it.</para>
/// <para><c>FiniteDifferences</c>: 
/// Central differences (C(θ+h) − C(θ−h))/2h, h = 1e-6, in float64, for the first <see cref="Checked"/> elements
/// (row-major); NaN beyond.
/// </para>
/// <para><c>State</c>: The optimizer's state for it after the update (momentum's v, Adam's m and v).</para>
/// <para><c>After</c>: Its value after the update.</para>
public sealed record ParameterTrace(string Label, string Name, int Layer, Matrix<double> Before, Matrix<double> Gradient,
    double[] FiniteDifferences, int Checked, IReadOnlyList<(string Name, Matrix<double> Values)> State, Matrix<double> After)
{
    /// <summary>The largest |gradient − finite difference| over the checked elements.</summary>
    public double LargestDifference =>
        Enumerable.Range(0, Checked).Select(i => Math.Abs(Gradient.Data[i] - FiniteDifferences[i])).DefaultIfEmpty(0).Max();
}
