using System.Runtime.InteropServices;
using System.Security.Cryptography;
using NnLab.Experiments;

namespace NnLab.Runner.Checkpoints;

/// <summary>A run's training data as one SHA-256: the shapes and the float64 bits of inputs and targets.</summary>
internal static class DataHash
{
    public static string Of(ExperimentData data)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var matrix in new[] { data.Inputs, data.Targets })
        {
            hash.AppendData(MemoryMarshal.AsBytes<int>([matrix.Rows, matrix.Cols]));
            hash.AppendData(MemoryMarshal.AsBytes(matrix.Data.AsSpan()));
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
