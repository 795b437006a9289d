using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A = Z for Z &gt; 0, α·Z otherwise; local gradient 1 or α.</summary>
[Register("leaky_relu", Description = "A = Z if Z > 0 else alpha * Z")]
public sealed class LeakyReluLayer<T>(LeakyReluOptions options) : ActivationLayer<T>, IDescribesGradient, IOnnxExportable where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "{out} = {in} where {in} > 0, else α·{in}";

    string IDescribesGradient.LocalGradientFormula => "∂{out}/∂{in} = 1 where {in} > 0, else α";

    public override void Forward(Matrix<T> input, Matrix<T> output)
    {
        Elementwise.LeakyRelu(input.Data, T.CreateTruncating(options.Alpha), output.Data);
    }

    protected override void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient)
    {
        Elementwise.ReluGradient(input.Data, outputGradient.Data, T.CreateTruncating(options.Alpha), inputGradient.Data);
    }

    string IOnnxExportable.ExportOnnx(IOnnxGraph graph, string input) =>
        graph.AddNode("LeakyRelu", [input], OnnxAttribute.Float("alpha", (float)options.Alpha));
}
