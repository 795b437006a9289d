namespace NnLab.Initializers;

/// <summary>
/// Explicit values, e.g. the tutorial's worked example W = [[0.1, 0.6]]. A flat list fills a matrix with a single
/// row or a single column (a bias written [0.5, -0.2]).
/// </summary>
[Register("values", Description = "explicit values: [[w11, w12], ...] for W (n_out × n_in)")]
public sealed class ValuesInitializer(ValuesOptions options) : IInitializer
{
    public void Initialize(Matrix<double> values, InitializerContext context)
    {
        var rows = options.Values;
        if (rows.Length == values.Rows && rows.All(r => r.Length == values.Cols))
        {
            for (int i = 0; i < rows.Length; i++) rows[i].CopyTo(values.Row(i));
            return;
        }
        bool isVector = values.Rows == 1 || values.Cols == 1;
        if (isVector && rows.Length == 1 && rows[0].Length == values.Length)
        {
            rows[0].CopyTo(values.AsSpan());
            return;
        }
        string given = $"{rows.Length}×{(rows.Length == 0 ? 0 : rows[0].Length)}";
        throw new ArgumentException(
            $"explicit values are {given} but this {context.Role.ToString().ToLowerInvariant()} is {values.Rows}×{values.Cols} (n_out × n_in)");
    }
}
