using System.Numerics;

namespace NnLab;

/// <summary>
/// A dense, row-major matrix of <typeparamref name="T"/> (double for <c>precision: float64</c>, float for
/// <c>float32</c>). Layers exchange activations as (features × examples): examples are columns, as in the tutorial
/// (Z = W·X + b).
/// </summary>
public sealed class Matrix<T> where T : IFloatingPointIeee754<T>
{
    public Matrix(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Rows = rows;
        Cols = cols;
        // Checked: a product past int.MaxValue must fail here, not wrap to a small or negative size.
        Data = new T[checked(rows * cols)];
    }

    /// <summary>Wraps <paramref name="data"/> (row-major, length rows·cols) without copying.</summary>
    public Matrix(int rows, int cols, T[] data)
    {
        if (data.Length != (long)rows * cols)
            throw new ArgumentException($"A {rows}×{cols} matrix needs {rows * cols} values, got {data.Length}.", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>The values, row-major: element (r, c) is at r·Cols + c.</summary>
    public T[] Data { get; }

    public int Length => Data.Length;

    public ref T this[int row, int col] => ref Data[row * Cols + col];

    public Span<T> AsSpan() => Data;

    public Span<T> Row(int row) => Data.AsSpan(row * Cols, Cols);

    public bool HasShape(int rows, int cols) => Rows == rows && Cols == cols;

    public string Shape => $"({Rows}×{Cols})";

    public Matrix<T> Clone() => new(Rows, Cols, (T[])Data.Clone());

    public void CopyTo(Matrix<T> destination)
    {
        if (!destination.HasShape(Rows, Cols))
            throw new ArgumentException($"Cannot copy {Shape} into {destination.Shape}.", nameof(destination));
        Data.AsSpan().CopyTo(destination.Data);
    }

    /// <summary>A copy in another precision, each value rounded to the nearest <typeparamref name="TOther"/>.</summary>
    public Matrix<TOther> ConvertTo<TOther>() where TOther : IFloatingPointIeee754<TOther>
    {
        var converted = new Matrix<TOther>(Rows, Cols);
        for (int i = 0; i < Data.Length; i++) converted.Data[i] = TOther.CreateTruncating(Data[i]);
        return converted;
    }

    public T[][] ToRows()
    {
        var rows = new T[Rows][];
        for (int i = 0; i < Rows; i++) rows[i] = Row(i).ToArray();
        return rows;
    }

    public override string ToString() => $"Matrix<{typeof(T).Name}>{Shape}";
}
