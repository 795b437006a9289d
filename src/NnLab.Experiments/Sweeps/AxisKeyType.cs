using NnLab.Experiments.Loading;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Tells whether an axis varies a key of integer type (<c>seed</c>, <c>training.epochs</c>, <c>model[0].units</c>),
/// found from the options types the base experiment bound, so generated values can be rounded for it. Keys it
/// cannot see (an initializer's own options) count as not integer: their values are left as numbers.
/// </summary>
internal static class AxisKeyType
{
    public static bool IsInteger(Experiment experiment, IReadOnlyList<OverrideSegment> path) =>
        OptionsTypeAt(experiment, path) is var (type, key)
            ? type is not null && OptionsSchema.Find(type, key)?.Type is { } keyType && IsIntegerType(keyType)
            : path is [{ Key: SweepBlock.SeedParameter }];

    /// <summary>The options type holding the last key of <paramref name="path"/>, when the path is one level inside a section or component.</summary>
    private static (Type? Type, string Key)? OptionsTypeAt(Experiment experiment, IReadOnlyList<OverrideSegment> path) => path switch
    {
        [{ Key: "training" }, { Key: { } key }] => (typeof(TrainingOptions), key),
        [{ Key: "prediction" }, { Key: { } key }] => (typeof(PredictionOptions), key),
        [{ Key: "optimizer" }, { Key: { } key }] => (experiment.Optimizer.Options?.GetType(), key),
        [{ Key: "cost" }, { Key: { } key }] => (experiment.Cost.Options?.GetType(), key),
        [{ Key: "model" }, { Key: null, Index: var i }, { Key: { } key }] when i < experiment.Model.Count =>
            (experiment.Model[i].Options?.GetType(), key),
        _ => null,
    };

    private static bool IsIntegerType(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(int) || t == typeof(long) || t == typeof(uint) || t == typeof(short) || t == typeof(ulong));
}
