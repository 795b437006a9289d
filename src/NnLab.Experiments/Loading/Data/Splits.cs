using System.ComponentModel.DataAnnotations;
using NnLab.Numerics;

namespace NnLab.Experiments.Loading;

/// <summary>How <c>data.split</c> draws rows for each split.</summary>
internal enum SplitMethod
{
    /// <summary>One seeded permutation of the rows: the first go to test, the next to validation, the rest to train.</summary>
    Random,

    /// <summary>The same, class by class, so every split keeps the classes' proportions.</summary>
    Stratified,
}

/// <summary>The <c>data.split</c> mapping: fractions of the rows (or a column naming each row's split).</summary>
internal sealed class SplitOptions
{
    /// <summary>Absent: whatever validation and test leave.</summary>
    [Range(0.0, 1.0)]
    public double Train { get; set; }

    [Range(0.0, 1.0)]
    public double Validation { get; set; }

    [Range(0.0, 1.0)]
    public double Test { get; set; }

    public SplitMethod Method { get; set; } = SplitMethod.Random;

    /// <summary>The permutation's numpy seed; absent: the experiment's <c>seed</c>.</summary>
    [Range(0, uint.MaxValue)]
    public long Seed { get; set; }

    /// <summary>A column whose cells say each row's split (train, validation or test) instead of fractions.</summary>
    public string? Column { get; set; }
}

/// <summary>
/// Assigns rows to splits. Counts are rounded half away from zero: n_test = round(test·m), n_validation =
/// round(validation·m), the rest train (stratified: the same within each class). Within a split, rows keep the
/// data's order, so training sees them as they were read.
/// </summary>
internal static class SplitAssigner
{
    public static readonly IReadOnlyList<string> Names = [DataSplit.TrainName, DataSplit.ValidationName, DataSplit.TestName];

    /// <summary>
    /// Each row's split. <paramref name="classes"/> groups rows for a stratified split (null: one group). Returns the
    /// problem instead when a split with a non-zero fraction would get no row (of some class).
    /// </summary>
    public static (string[]? Splits, string? Problem) Assign(int rows, SplitOptions options, int[]? classes,
        IReadOnlyList<string>? classNames)
    {
        var order = new NumpyRandomState((uint)options.Seed).Permutation(rows);
        var splits = new string[rows];
        var groups = classes is null
            ? [order]
            : Enumerable.Range(0, classes.Max() + 1).Select(c => order.Where(r => classes[r] == c).ToArray()).Where(g => g.Length > 0).ToArray();
        foreach (var group in groups)
        {
            int test = Count(options.Test, group.Length);
            int validation = Count(options.Validation, group.Length);
            string where = classes is null ? "" : $" of class '{ClassName(classes[group[0]], classNames)}' ({group.Length} rows)";
            if (options.Test > 0 && test == 0) return (null, Empty(DataSplit.TestName, where, options.Test, group.Length));
            if (options.Validation > 0 && validation == 0) return (null, Empty(DataSplit.ValidationName, where, options.Validation, group.Length));
            if (test + validation >= group.Length) return (null, $"the train split would get no row{where}: {test} go to test and {validation} to validation");
            for (int i = 0; i < group.Length; i++)
                splits[group[i]] = i < test ? DataSplit.TestName : i < test + validation ? DataSplit.ValidationName : DataSplit.TrainName;
        }
        return (splits, null);
    }

    private static int Count(double fraction, int rows) => (int)Math.Round(fraction * rows, MidpointRounding.AwayFromZero);

    private static string Empty(string split, string where, double fraction, int rows) =>
        $"the {split} split would get no row{where}: {fraction} × {rows} rounds to 0; use more data or a larger fraction";

    private static string ClassName(int index, IReadOnlyList<string>? names) => names is null ? index.ToString() : names[index];
}
