using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// A YAML value on one line (<c>0.5</c>, <c>[1, 2]</c>, <c>{name: adam}</c>): how a trial's parameters are shown in
/// the manifest, the CSV files and as the recorded override, and read back as the same YAML.
/// </summary>
internal static class YamlFlowText
{
    public static string Of(YamlNode node) => node switch
    {
        YamlScalarNode scalar when ScalarText.IsQuoted(scalar) => YamlScalarFormatter.String(scalar.Value ?? ""),
        YamlScalarNode scalar => scalar.Value ?? "",
        YamlSequenceNode list => YamlScalarFormatter.List(list.Children.Select(Of)),
        YamlMappingNode mapping => $"{{{string.Join(", ", mapping.Children.Select(e => $"{Of(e.Key)}: {Of(e.Value)}"))}}}",
        _ => node.ToString(),
    };
}
