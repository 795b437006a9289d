using System.Numerics;
namespace NnLab.Layers;

/// <summary>
/// Per example (column): A_i = e^(Z_i − max Z) / Σ_j e^(Z_j − max Z); subtracting the max keeps it finite for any Z.
/// Backward: dZ_i = A_i·(dA_i − Σ_j dA_j·A_j).
/// </summary>
[Register("softmax", Description = "per-example softmax over the rows (classes)")]
public sealed class SoftmaxLayer<T> : ActivationLayer<T>, IDescribesGradient, IOnnxExportable where T : IFloatingPointIeee754<T>
{
    string IDescribesGradient.ForwardFormula => "{out} = e^{in} / Σ_rows e^{in}, per example";

    string IDescribesGradient.LocalGradientFormula => "∂{out}_i/∂{in}_j = {out}_i(δ_ij − {out}_j), per example";

    public override void Forward(Matrix<T> input, Matrix<T> output) => Softmax.Columns(input, output);

    protected override void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient)
    {
        int k = output.Rows, m = output.Cols;
        for (int j = 0; j < m; j++)
        {
            T dot = T.Zero;
            for (int i = 0; i < k; i++) dot += outputGradient[i, j] * output[i, j];
            for (int i = 0; i < k; i++) inputGradient[i, j] = output[i, j] * (outputGradient[i, j] - dot);
        }
    }

    /// <summary>Per example: over axis 1 (the classes) of an (examples × classes) value.</summary>
    string IOnnxExportable.ExportOnnx(IOnnxGraph graph, string input) => graph.AddNode("Softmax", [input], OnnxAttribute.Int("axis", 1));
}
