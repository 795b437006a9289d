using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Deep copies of the values placed into trial trees. Overrides may later edit a value in place (a key set inside
/// a mapping), so each trial needs its own copy; each copy is located where its original was written.
/// </summary>
internal static class YamlNodeCopy
{
    public static YamlNode Of(YamlNode node, NodeLocations locations)
    {
        YamlNode copy = node switch
        {
            YamlScalarNode scalar => new YamlScalarNode(scalar.Value) { Style = scalar.Style, Tag = scalar.Tag },
            YamlSequenceNode list => new YamlSequenceNode(list.Children.Select(c => Of(c, locations))) { Style = list.Style },
            YamlMappingNode mapping => new YamlMappingNode(
                mapping.Children.Select(e => new KeyValuePair<YamlNode, YamlNode>(Of(e.Key, locations), Of(e.Value, locations))))
                { Style = mapping.Style },
            _ => throw new NotSupportedException($"cannot copy a {node.GetType().Name}"),
        };
        locations.Register(copy, locations.Of(node));
        return copy;
    }
}
