using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = 1 / (1 + e^−Z); local gradient A·(1 − A).</summary>
[Register("sigmoid", Description = "logistic activation: A = 1/(1+exp(-Z))")]
public sealed class SigmoidLayer<T> : ActivationLayer<T>, IDescribesGradient, IOnnxExportable where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "{out} = σ({in}) = 1/(1 + e^−{in})";

    string IDescribesGradient.LocalGradientFormula => "∂{out}/∂{in} = {out} ⊙ (1 − {out})";

    /// <summary>A range split off to another thread is at least this long (~30 µs of float64 work: 6.6 ns a value).</summary>
    private const int MinValuesPerThread = 4096;

    public override void Forward(Matrix<T> input, Matrix<T> output) => ForwardByRanges(input, output, MinValuesPerThread);

    private protected override void ForwardRange(ReadOnlySpan<T> z, Span<T> a)
    {
        Elementwise.Sigmoid(z, a);
    }

    protected override void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient)
    {
        // (upstream · A) · (1 − A), in the tutorial's order, so rounding matches it.
        Elementwise.SigmoidGradient(output.Data, outputGradient.Data, inputGradient.Data);
    }

    string IOnnxExportable.ExportOnnx(IOnnxGraph graph, string input) => graph.AddNode("Sigmoid", [input]);
}
