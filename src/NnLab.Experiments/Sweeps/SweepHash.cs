using System.Runtime.InteropServices;
using System.Security.Cryptography;
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
    public static string Definition(IEnumerable<(int Index, string Label, string Id, string Data)> trials) =>
        Hex(string.Concat(trials.Select(t => $"{t.Index} {t.Label} {t.Id} {t.Data}\n")));

    /// <summary>
    /// The first 16 hex digits of the SHA-256 of the data every split holds: shape, column names, class labels and every
    /// value (the values, so the same numbers written differently hash the same). The configuration names a CSV file by
    /// its path, so an edited file — training, validation or test rows — changes this digest and not the trial's id.
    /// </summary>
    public static string Data(ExperimentData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var matrix in data.Splits().SelectMany(s => new[] { s.Split.Inputs, s.Split.Targets }))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{matrix.Rows}x{matrix.Cols};"));
            hash.AppendData(MemoryMarshal.AsBytes(matrix.Data.AsSpan()));
        }
        hash.AppendData(Encoding.UTF8.GetBytes(string.Join('\n', data.InputNames.Concat(["|"]).Concat(data.TargetNames)
            .Concat(data.ClassLabels is { } labels ? ["|", .. labels] : []))));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
