using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = tanh(Z); local gradient 1 − A².</summary>
[Register("tanh", Description = "hyperbolic tangent: A = tanh(Z)")]
public sealed class TanhLayer<T> : ActivationLayer<T>, IDescribesGradient, IOnnxExportable where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "{out} = tanh({in})";

    string IDescribesGradient.LocalGradientFormula => "∂{out}/∂{in} = 1 − {out}²";

    /// <summary>A range split off to another thread is at least this long (~40 µs of work: 20 ns a value).</summary>
    private const int MinValuesPerThread = 2048;

    public override void Forward(Matrix<T> input, Matrix<T> output) => ForwardByRanges(input, output, MinValuesPerThread);

    private protected override void ForwardRange(ReadOnlySpan<T> z, Span<T> a)
    {
        for (int i = 0; i < a.Length; i++) a[i] = LibraryMath.Tanh(z[i]);
    }

    protected override void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient)
    {
        Elementwise.TanhGradient(output.Data, outputGradient.Data, inputGradient.Data);
    }

    string IOnnxExportable.ExportOnnx(IOnnxGraph graph, string input) => graph.AddNode("Tanh", [input]);
}
