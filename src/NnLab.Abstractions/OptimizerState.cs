using System.Numerics;

namespace NnLab;

/// <summary>
/// An optimizer's state as named matrices (in the run's element type, saved bit for bit) and named float64 scalars
/// (integers up to 2⁵³ are exact). Names are letters, digits, '_', '-' and '.': checkpoints store each matrix as
/// <c>optimizer.NAME.npy</c>. Built-ins name per-parameter arrays by the parameter's index in model order:
/// <c>velocity.0</c>, <c>first_moment.2</c>.
/// </summary>
public sealed class OptimizerState<T> where T : IFloatingPointIeee754<T>
{
    public Dictionary<string, Matrix<T>> Matrices { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, double> Scalars { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="name"/> is a valid state name.</summary>
    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    /// <summary>
    /// Copies matrix <paramref name="name"/> into <paramref name="destination"/>; throws <see cref="ArgumentException"/>
    /// when it is missing or has another shape.
    /// </summary>
    public void CopyTo(string name, Span<T> destination, int rows, int cols)
    {
        if (!Matrices.TryGetValue(name, out var matrix))
            throw new ArgumentException($"optimizer state has no matrix '{name}'");
        if (!matrix.HasShape(rows, cols) || destination.Length != matrix.Length)
            throw new ArgumentException($"optimizer state matrix '{name}' is {matrix.Shape}, expected ({rows}×{cols})");
        matrix.Data.AsSpan().CopyTo(destination);
    }

    /// <summary>Scalar <paramref name="name"/>; throws <see cref="ArgumentException"/> when it is missing.</summary>
    public double Scalar(string name) =>
        Scalars.TryGetValue(name, out double value) ? value : throw new ArgumentException($"optimizer state has no scalar '{name}'");
}
