using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = max(0, Z); local gradient 1 where Z &gt; 0, else 0.</summary>
[Register("relu", Description = "rectified linear: A = max(0, Z)")]
public sealed class ReluLayer<T> : ActivationLayer<T>, IDescribesGradient, IOnnxExportable where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "{out} = max(0, {in})";

    string IDescribesGradient.LocalGradientFormula => "∂{out}/∂{in} = 1 where {in} > 0, else 0";

    public override void Forward(Matrix<T> input, Matrix<T> output)
    {
        Elementwise.Relu(input.Data, output.Data);
    }

    protected override void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient)
    {
        Elementwise.ReluGradient(input.Data, outputGradient.Data, T.Zero, inputGradient.Data);
    }

    string IOnnxExportable.ExportOnnx(IOnnxGraph graph, string input) => graph.AddNode("Relu", [input]);
}
