using System.Numerics;

namespace NnLab;

/// <summary>
/// A trainable tensor and the gradient of the cost with respect to it. A layer writes
/// <see cref="Gradient"/> in its backward pass; an optimizer reads it and updates <see cref="Value"/>.
/// </summary>
public sealed class Parameter<T> where T : IFloatingPointIeee754<T>
{
    public Parameter(string name, Matrix<T> value)
    {
        Name = name;
        Value = value;
        Gradient = new Matrix<T>(value.Rows, value.Cols);
    }

    /// <summary>Short name within its layer, e.g. "W" or "b".</summary>
    public string Name { get; }
    public Matrix<T> Value { get; }
    public Matrix<T> Gradient { get; }
}
