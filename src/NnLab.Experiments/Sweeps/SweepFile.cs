using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>Tells a sweep file from a single experiment, so <c>nnlab run</c> can run either.</summary>
public static class SweepFile
{
    /// <summary>True when <paramref name="yaml"/> parses to a mapping with a top-level <c>sweep</c> key.</summary>
    public static bool Declares(string yaml) => Declares(yaml, InputLimits.Default, CancellationToken.None);

    private static bool Declares(string yaml, InputLimits limits, CancellationToken cancellation)
    {
        var stream = YamlParsing.TryLoad(yaml, limits, cancellation, out var error);
        return error is null && stream!.Documents.Count == 1
            && stream.Documents[0].RootNode is YamlMappingNode root && MappingKeys.Find(root, SweepBlock.Key) is not null;
    }

    /// <summary>True when the file at <paramref name="path"/> declares a sweep; false also when it cannot be read (the loader reports that).</summary>
    public static bool IsSweep(string path) => IsSweep(path, InputLimits.Default, CancellationToken.None);

    /// <summary>As <see cref="IsSweep(string)"/>, reading within <paramref name="limits"/>, stopped by <paramref name="cancellation"/>.</summary>
    public static bool IsSweep(string path, InputLimits limits, CancellationToken cancellation) =>
        ExperimentLoader.TryReadFile(path, limits, cancellation, out string text, out _) && Declares(text, limits, cancellation);
}
