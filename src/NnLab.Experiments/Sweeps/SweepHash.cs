using System.Text;

namespace NnLab.Experiments.Sweeps;

/// <summary>The identities a sweep is resumed by: each trial's, and the whole definition's.</summary>
internal static class SweepHash
{
    /// <summary>A trial's id: the first 16 hex digits of the SHA-256 of its resolved configuration.</summary>
    public static string TrialId(string resolvedYaml) => Hex(resolvedYaml)[..16];

    /// <summary>
    /// The SHA-256 of the numbered trials (label, id and data digest, in order): it changes exactly when some trial would
    /// run a different configuration or different data, or land in a different folder, not when only comments or
    /// parallelism change.
    /// </summary>
    /// <remarks>
    /// The lines are hashed one by one, not joined into one text first: a million trials' lines would make a string of
    /// 140 MB. <paramref name="count"/> (about how many trials) picks the hasher.
    /// </remarks>
    public static string Definition(IEnumerable<(int Index, string Label, string Id, string Data)> trials, int count)
    {
        using var hash = Hashing.Sha256.Create(expectedLength: count * 64L);
        foreach (var t in trials) hash.Append(Encoding.UTF8.GetBytes($"{t.Index} {t.Label} {t.Id} {t.Data}\n"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The first 16 hex digits of <see cref="ExperimentData.ValuesSha256"/>.</summary>
    public static string Data(ExperimentData data) => data.ValuesSha256()[..16];

    private static string Hex(string text) => Hashing.Sha256.HexOf(text);
}
