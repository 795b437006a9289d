using NnLab.Numerics;
using NnLab.Runner.Output;

namespace NnLab.Runner.Models;

/// <summary>
/// What a model says about some rows: its outputs (outputs × examples, float64; probabilities for a fused-logit cost)
/// and the predicted class of each example (one output: output ≥ threshold; several: the arg-max), named by the
/// model's class labels when it has them.
/// </summary>
public sealed class ModelPredictions
{
    private readonly IReadOnlyList<string>? _labels;
    private readonly Precision _precision;

    internal ModelPredictions(Matrix<double> outputs, int[] classes, IReadOnlyList<string>? labels, Precision precision)
    {
        Outputs = outputs;
        Classes = classes;
        _labels = labels;
        _precision = precision;
    }

    /// <summary>Outputs × examples: example j's outputs are column j.</summary>
    public Matrix<double> Outputs { get; }

    /// <summary>The predicted class index of each example.</summary>
    public IReadOnlyList<int> Classes { get; }

    public int Count => Outputs.Cols;

    /// <summary>Example <paramref name="example"/>'s outputs.</summary>
    public double[] OutputsOf(int example) => Enumerable.Range(0, Outputs.Rows).Select(i => Outputs[i, example]).ToArray();

    /// <summary>The predicted class of example <paramref name="example"/> as predictions.csv writes it: its label, else its index.</summary>
    public string Label(int example) => _labels is { } labels ? labels[Classes[example]] : Csv.Number(Classes[example]);

    /// <summary>The output column names predictions.csv uses: "output", or output1..k.</summary>
    public IReadOnlyList<string> OutputNames => Outputs.Rows == 1 ? ["output"] : Enumerable.Range(1, Outputs.Rows).Select(k => $"output{k}").ToList();

    /// <summary>Example <paramref name="example"/>'s outputs as predictions.csv writes them (a float32 model's as floats).</summary>
    public IEnumerable<string> OutputTexts(int example) =>
        Enumerable.Range(0, Outputs.Rows).Select(i => Csv.Number(Outputs[i, example], _precision));
}
