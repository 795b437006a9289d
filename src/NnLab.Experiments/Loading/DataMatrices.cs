namespace NnLab.Experiments.Loading;

/// <summary>Turns YAML/CSV rows (one example per row) into NnLab's (features × examples) matrices.</summary>
internal static class DataMatrices
{
    /// <summary>The transpose of <paramref name="rows"/>: row i of the file becomes column i of the matrix.</summary>
    public static Matrix<double> FromExampleRows(IReadOnlyList<double[]> rows)
    {
        int features = rows[0].Length;
        var matrix = new Matrix<double>(features, rows.Count);
        for (int example = 0; example < rows.Count; example++)
        for (int feature = 0; feature < features; feature++)
            matrix[feature, example] = rows[example][feature];
        return matrix;
    }

    /// <summary>x1..xn for inputs.</summary>
    public static IReadOnlyList<string> DefaultInputNames(int count) => Numbered("x", count);

    /// <summary>y for a single target, else y1..yk.</summary>
    public static IReadOnlyList<string> DefaultTargetNames(int count) => count == 1 ? ["y"] : Numbered("y", count);

    // A loop, not Enumerable.Range(...).Select(...): that query over int is not in the precompiled code.
    private static List<string> Numbered(string prefix, int count)
    {
        var names = new List<string>(count);
        for (int i = 1; i <= count; i++) names.Add(prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return names;
    }
}
