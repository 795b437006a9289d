using System.Numerics;
using NnLab.Numerics;

namespace NnLab.Layers;

/// <summary>A layer without parameters whose output has the shape of its input.</summary>
public abstract class ActivationLayer<T> : ILayer<T> where T : IFloatingPointIeee754<T>
{
    private int _threads = 1;
    private ForwardRanges? _ranges;

    public IReadOnlyList<Parameter<T>> Parameters => [];

    public int Build(LayerBuildContext<T> context)
    {
        _threads = context.Operations is IThreadedOperations threaded ? threaded.Threads : 1;
        return context.InputSize;
    }

    public abstract void Forward(Matrix<T> input, Matrix<T> output);

    public void Backward(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T>? inputGradient)
    {
        if (inputGradient is not null) ComputeInputGradient(input, output, outputGradient, inputGradient);
    }

    /// <summary>Writes dCost/dInput = upstream ⊙ local gradient.</summary>
    protected abstract void ComputeInputGradient(Matrix<T> input, Matrix<T> output, Matrix<T> outputGradient, Matrix<T> inputGradient);

    /// <summary>
    /// The forward pass as <see cref="ForwardRange"/> over ranges of the values, split over the network's threads:
    /// for activations that call the C library per value (20 ns a tanh), which the second core would otherwise wait
    /// through. Each value is computed alone, so the bits do not depend on the split.
    /// </summary>
    private protected void ForwardByRanges(Matrix<T> input, Matrix<T> output, int minValuesPerThread)
    {
        // Too few values to split (the tutorial's XOR: 12): straight to the loop, 5000 times a run.
        if (_threads == 1 || output.Length < 2 * minValuesPerThread) ForwardRange(input.Data, output.Data);
        else (_ranges ??= new ForwardRanges(this)).Run(input.Data, output.Data, _threads, minValuesPerThread);
    }

    /// <summary>a = f(z) for one range of the values.</summary>
    private protected virtual void ForwardRange(ReadOnlySpan<T> z, Span<T> a) =>
        throw new NotSupportedException($"{GetType().Name} computes its forward pass whole");

    private sealed class ForwardRanges(ActivationLayer<T> layer) : IRangeWork
    {
        private T[] _z = [], _a = [];

        public void Run(T[] z, T[] a, int threads, int minValuesPerThread)
        {
            (_z, _a) = (z, a);
            try
            {
                RangeSplit.Run(this, a.Length, threads, minValuesPerThread);
            }
            finally
            {
                (_z, _a) = ([], []);
            }
        }

        public void Range(int start, int end) => layer.ForwardRange(_z.AsSpan(start, end - start), _a.AsSpan(start, end - start));
    }
}
