using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// What one load reads: the parsed tree (changed in place by overrides), and the file it came from, named in
/// errors and recorded as written; relative data paths are resolved from <see cref="BaseDirectory"/>.
/// </summary>
internal sealed record ExperimentSource(YamlMappingNode Root, string SourceFile, string Text, string BaseDirectory);
