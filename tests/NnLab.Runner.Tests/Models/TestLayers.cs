using System.Numerics;
using NnLab.Training;

namespace NnLab.Runner.Tests.Models;

/// <summary>Components standing for a plugin's: registered by the tests, unknown to a fresh registry.</summary>
internal static class TestLayers
{
    /// <summary>A = 2Z, with no ONNX mapping: export must refuse it by name.</summary>
    public sealed class Doubler<T> : ILayer<T> where T : IFloatingPointIeee754<T>
    {
        public IReadOnlyList<Parameter<T>> Parameters => [];
        public int Build(LayerBuildContext<T> context) => context.InputSize;
        public void Forward(Matrix<T> input, Matrix<T> output)
        {
            for (int i = 0; i < input.Length; i++) output.Data[i] = input.Data[i] + input.Data[i];
        }
        public void Backward(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T>? inputGradient)
        {
            if (inputGradient is null) return;
            for (int i = 0; i < input.Length; i++) inputGradient.Data[i] = outputGradient.Data[i] + outputGradient.Data[i];
        }
    }

    /// <summary>The same layer with its ONNX mapping, through the public contract a plugin would implement: Mul by 2.</summary>
    public sealed class ExportableDoubler<T> : ILayer<T>, IOnnxExportable where T : IFloatingPointIeee754<T>
    {
        private readonly Doubler<T> _inner = new();
        public IReadOnlyList<Parameter<T>> Parameters => [];
        public int Build(LayerBuildContext<T> context) => _inner.Build(context);
        public void Forward(Matrix<T> input, Matrix<T> output) => _inner.Forward(input, output);
        public void Backward(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T>? inputGradient) =>
            _inner.Backward(input, output, outputGradient, inputGradient);
        public string ExportOnnx(IOnnxGraph graph, string input) => graph.AddNode("Mul", [input, graph.AddConstant("two", [2f], 1)]);
    }

    public sealed class IgnoreCosts : ITrainingObserver
    {
        public void OnCostRecorded(int epoch, double cost) { }
    }
}
