using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>Parses the experiment file into its root mapping, reporting syntax errors at their position.</summary>
internal static class DocumentReader
{
    public static YamlMappingNode? Read(string text, ErrorCollector errors)
    {
        string file = errors.Locations.File;
        var stream = YamlParsing.TryLoad(text, errors.Limits, errors.Cancellation, out var syntaxError);
        if (syntaxError is var (message, position))
        {
            errors.At(new SourceLocation(file, (int)position.Line, (int)position.Column), "", message);
            return null;
        }
        if (stream!.Documents.Count == 0)
        {
            errors.At(new SourceLocation(file, 1, 1), "", "the file is empty; an experiment needs at least name, data, model and training");
            return null;
        }
        if (stream.Documents.Count > 1)
        {
            errors.At(stream.Documents[1].RootNode, "", "the file holds more than one YAML document ('---'); an experiment file holds one");
            return null;
        }
        var root = stream.Documents[0].RootNode;
        if (root is YamlMappingNode mapping) return mapping;
        errors.At(root, "", $"the top level must be a mapping of keys (name, data, model, training, ...), got {ScalarText.Describe(root)}");
        return null;
    }
}
