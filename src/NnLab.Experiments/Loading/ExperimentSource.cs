using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// What one load reads: the parsed tree (changed in place by overrides), and the file it came from, named in
/// errors and recorded as written; relative data paths are resolved from <see cref="BaseDirectory"/>.
/// </summary>
internal sealed record ExperimentSource(YamlMappingNode Root, string SourceFile, string Text, string BaseDirectory)
{
    /// <summary>
    /// Which nodes below <see cref="Root"/> other trees share (a sweep's trials share the file's tree): overrides copy
    /// such a node before they change it. Null: the whole tree is this load's own.
    /// </summary>
    public Func<YamlNode, bool>? IsShared { get; init; }

    /// <summary>The data sections read from shared nodes so far (<see cref="DataSectionMemo"/>), or null.</summary>
    public DataSectionMemo? DataMemo { get; init; }
}
