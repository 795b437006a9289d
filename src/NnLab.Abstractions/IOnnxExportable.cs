namespace NnLab;

/// <summary>
/// Optional: a layer (or a fused-logit cost, for its probabilities) that says how ONNX computes it, so
/// <c>nnlab export --format onnx</c> can write a model using it. A layer without it is refused by name.
/// </summary>
/// <remarks>
/// ONNX values are (examples × features) — the transpose of NnLab's matrices, whose examples are columns — and
/// float32. A linear layer, for instance, adds <c>Gemm(input, W, b)</c> with <c>transB = 1</c>, keeping W as stored
/// (units × inputs).
/// </remarks>
public interface IOnnxExportable
{
    /// <summary>
    /// Adds the nodes that compute this layer's output from the value named <paramref name="input"/> (built, trained
    /// parameters in place); returns the name of the output value.
    /// </summary>
    string ExportOnnx(IOnnxGraph graph, string input);
}

/// <summary>The graph an <see cref="IOnnxExportable"/> adds its nodes to (operator set 13 of the default ONNX domain).</summary>
public interface IOnnxGraph
{
    /// <summary>Adds a node of <paramref name="opType"/> (e.g. <c>"Gemm"</c>, <c>"Sigmoid"</c>) with one output; returns that output's name.</summary>
    string AddNode(string opType, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes);

    /// <summary>Adds a float32 constant (an initializer) of shape <paramref name="dims"/>, values row-major; returns its name.</summary>
    string AddConstant(string nameHint, float[] values, params long[] dims);
}

/// <summary>A node attribute: a float, an integer or a list of integers.</summary>
public sealed record OnnxAttribute(string Name, object Value)
{
    public static OnnxAttribute Float(string name, float value) => new(name, value);
    public static OnnxAttribute Int(string name, long value) => new(name, value);
    public static OnnxAttribute Ints(string name, params long[] values) => new(name, values);
}
