namespace NnLab;

/// <summary>
/// A dense, row-major float64 matrix. Layers exchange activations as (features × examples):
/// examples are columns, as in the tutorial (Z = W·X + b).
/// </summary>
public sealed class Matrix
{
    public Matrix(int rows, int cols)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(cols);
        Rows = rows;
        Cols = cols;
        Data = new double[rows * cols];
    }

    /// <summary>Wraps <paramref name="data"/> (row-major, length rows·cols) without copying.</summary>
    public Matrix(int rows, int cols, double[] data)
    {
        if (data.Length != rows * cols)
            throw new ArgumentException($"A {rows}×{cols} matrix needs {rows * cols} values, got {data.Length}.", nameof(data));
        Rows = rows;
        Cols = cols;
        Data = data;
    }

    public int Rows { get; }
    public int Cols { get; }

    /// <summary>The values, row-major: element (r, c) is at r·Cols + c.</summary>
    public double[] Data { get; }

    public int Length => Data.Length;

    public ref double this[int row, int col] => ref Data[row * Cols + col];

    public Span<double> AsSpan() => Data;

    public Span<double> Row(int row) => Data.AsSpan(row * Cols, Cols);

    public bool HasShape(int rows, int cols) => Rows == rows && Cols == cols;

    public string Shape => $"({Rows}×{Cols})";

    public static Matrix FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        int r = rows.Count;
        int c = r == 0 ? 0 : rows[0].Count;
        var m = new Matrix(r, c);
        for (int i = 0; i < r; i++)
        {
            if (rows[i].Count != c)
                throw new ArgumentException($"Row {i} has {rows[i].Count} values; row 0 has {c}.", nameof(rows));
            for (int j = 0; j < c; j++) m[i, j] = rows[i][j];
        }
        return m;
    }

    public static Matrix FromRows(params double[][] rows) => FromRows((IReadOnlyList<IReadOnlyList<double>>)rows);

    public Matrix Clone() => new(Rows, Cols, (double[])Data.Clone());

    public void CopyTo(Matrix destination)
    {
        if (!destination.HasShape(Rows, Cols))
            throw new ArgumentException($"Cannot copy {Shape} into {destination.Shape}.", nameof(destination));
        Data.AsSpan().CopyTo(destination.Data);
    }

    public double[][] ToRows()
    {
        var rows = new double[Rows][];
        for (int i = 0; i < Rows; i++) rows[i] = Row(i).ToArray();
        return rows;
    }

    public override string ToString() => $"Matrix{Shape}";
}
