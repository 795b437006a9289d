using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>Z = W·X + b, with W (units × inputs) and b (units × 1).</summary>
[Register("linear", Description = "fully connected: Z = W·X + b")]
public sealed class LinearLayer<T> : ILayer<T>, IFusesWithRelu<T>, IDescribesGradient, IOnnxExportable where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "{out} = {W}·{in} + {b}";

    string IDescribesGradient.LocalGradientFormula => "∂{out}/∂{W} = {in}ᵀ, ∂{out}/∂{b} = 1, ∂{out}/∂{in} = {W}ᵀ";

    private readonly LinearOptions _options;
    private IFusedMatrixOperations<T> _ops = null!;
    private Parameter<T> _weights = null!;
    private Parameter<T>? _bias;
    private Parameter<T>[] _parameters = [];

    public LinearLayer(LinearOptions options) => _options = options;

    public IReadOnlyList<Parameter<T>> Parameters => _parameters;

    public int Build(LayerBuildContext<T> context)
    {
        _ops = UnfusedMatrixOperations<T>.Over(context.Operations);
        _weights = context.CreateParameter("W", _options.Units, context.InputSize, _options.Init, ParameterRole.Weight);
        _bias = _options.Bias
            ? context.CreateParameter("b", _options.Units, 1, _options.BiasInit, ParameterRole.Bias)
            : null;
        _parameters = _bias is null ? [_weights] : [_weights, _bias];
        return _options.Units;
    }

    public void Forward(Matrix<T> input, Matrix<T> output) =>
        _ops.MultiplyAddBias(_weights.Value, input, _bias?.Value, output, null);

    void IFusesWithRelu<T>.ForwardThenRelu(Matrix<T> input, Matrix<T> output, Matrix<T> relu) =>
        _ops.MultiplyAddBias(_weights.Value, input, _bias?.Value, output, relu);

    public void Backward(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        ParameterGradients(input, outputGradient);
        if (inputGradient is not null) _ops.MultiplyTransposeA(_weights.Value, outputGradient, inputGradient);
    }

    void IFusesWithRelu<T>.BackwardThroughRelu(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> reluInputGradient)
    {
        ParameterGradients(input, outputGradient);
        _ops.MultiplyTransposeAWherePositive(_weights.Value, outputGradient, input, reluInputGradient);
    }

    /// <summary>Gemm(X, W, b) with transB = 1: W stays (units × inputs) as stored.</summary>
    string IOnnxExportable.ExportOnnx(IOnnxGraph graph, string input)
    {
        var w = graph.AddConstant("W", Floats(_weights.Value), _weights.Value.Rows, _weights.Value.Cols);
        List<string> inputs = [input, w];
        if (_bias is not null) inputs.Add(graph.AddConstant("b", Floats(_bias.Value), _bias.Value.Rows));
        return graph.AddNode("Gemm", inputs, OnnxAttribute.Int("transB", 1));
    }

    private static float[] Floats(Matrix<T> values) => values.Data.Select(float.CreateTruncating).ToArray();

    private void ParameterGradients(Matrix<T> input, Matrix<T> outputGradient)
    {
        _ops.MultiplyTransposeB(outputGradient, input, _weights.Gradient);
        if (_bias is not null) _ops.SumRows(outputGradient, _bias.Gradient);
    }
}
