namespace NnLab;

/// <summary>Builds float64 matrices from rows of values, as data files and tests write them.</summary>
public static class Matrix
{
    public static Matrix<double> FromRows(IReadOnlyList<IReadOnlyList<double>> rows)
    {
        int r = rows.Count;
        int c = r == 0 ? 0 : rows[0].Count;
        var m = new Matrix<double>(r, c);
        for (int i = 0; i < r; i++)
        {
            if (rows[i].Count != c)
                throw new ArgumentException($"Row {i} has {rows[i].Count} values; row 0 has {c}.", nameof(rows));
            for (int j = 0; j < c; j++) m[i, j] = rows[i][j];
        }
        return m;
    }

    public static Matrix<double> FromRows(params double[][] rows) => FromRows((IReadOnlyList<IReadOnlyList<double>>)rows);
}
