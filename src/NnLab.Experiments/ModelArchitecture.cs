using System.Globalization;
using System.Text.Json;
using NnLab.Experiments.Loading;
using NnLab.Registry;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments;

/// <summary>One component as a saved model describes it: its registered name and its resolved options (JSON text of an object).</summary>
public sealed record ComponentDescription(string Name, string OptionsJson);

/// <summary>
/// A trained network's resolved architecture — its layers and its cost — in a form a file can hold and read back
/// through the loader's own binding rules: each component's name and every option (defaults filled in) as JSON.
/// JSON is YAML, so reading it back binds the same options with the same checks and messages as an experiment file.
/// </summary>
public sealed record ModelArchitecture(IReadOnlyList<ComponentDescription> Layers, ComponentDescription Cost)
{
    /// <summary>The architecture <paramref name="experiment"/> runs, every option spelled out as config.resolved.yaml spells it.</summary>
    public static ModelArchitecture Of(Experiment experiment)
    {
        var writer = new ResolvedConfigWriter(experiment.Registry);
        var layers = experiment.Model.Select(spec => Layer(Parse(writer.Layer(spec)))).ToList();
        var cost = (YamlMappingNode)Parse(writer.Named(experiment.Cost.Name, experiment.Cost.Options));
        var options = new YamlMappingNode(cost.Children.Where(e => e.Key is not YamlScalarNode { Value: "name" }));
        return new ModelArchitecture(layers, new ComponentDescription(experiment.Cost.Name, Json(options)));
    }

    private static YamlNode Parse(string flow) =>
        (YamlParsing.TryLoad(flow, out var error) ?? throw new InvalidOperationException($"cannot read back '{flow}': {error}")).Documents[0].RootNode;

    /// <summary>
    /// Resolves and binds every component in <paramref name="registry"/>. A component the registry does not know (a
    /// plugin's, not loaded) or an option it rejects is an error naming <paramref name="source"/> and the component.
    /// </summary>
    /// <exception cref="InvalidDataException">Every problem found, one per line.</exception>
    public (IReadOnlyList<ComponentSpec> Layers, ComponentSpec Cost) Bind(ComponentRegistry registry, string source)
    {
        var problems = new List<string>();
        for (int i = 0; i < Layers.Count; i++)
            if (!registry.TryGet(ComponentKind.Layer, Layers[i].Name, out _))
                problems.Add($"{source}: layers[{i}]: the model needs layer '{Layers[i].Name}', which is not registered: " +
                    "load the plugin that provides it (--plugins DIR, ./plugins or NNLAB_PLUGINS)");
        if (!registry.TryGet(ComponentKind.Cost, Cost.Name, out _))
            problems.Add($"{source}: cost: the model needs cost '{Cost.Name}', which is not registered: " +
                "load the plugin that provides it (--plugins DIR, ./plugins or NNLAB_PLUGINS)");
        if (problems.Count > 0) throw new InvalidDataException(string.Join(Environment.NewLine, problems));

        var text = new System.Text.StringBuilder("model:\n");
        foreach (var layer in Layers) text.Append($"  - {YamlScalarFormatter.String(layer.Name)}: {layer.OptionsJson}\n");
        text.Append($"cost: {{\"name\": {JsonSerializer.Serialize(Cost.Name)}{(IsEmpty(Cost.OptionsJson) ? "" : ", " + Cost.OptionsJson.Trim()[1..^1])}}}\n");
        var errors = new ErrorCollector(new NodeLocations(source));
        var root = DocumentReader.Read(text.ToString(), errors);
        var components = new OptionsBinder(registry, errors).Components;
        var specs = new List<ComponentSpec>();
        ComponentSpec? cost = null;
        if (root is not null)
        {
            var items = MappingKeys.Find(root, "model") as YamlSequenceNode;
            for (int i = 0; items is not null && i < items.Children.Count; i++)
                if (components.ReadLayer(items.Children[i], $"layers[{i}]") is { } spec) specs.Add(spec);
            if (MappingKeys.Find(root, "cost") is { } costNode) cost = components.ReadNamed(ComponentKind.Cost, costNode, "cost");
        }
        if (errors.HasErrors || cost is null || specs.Count != Layers.Count)
        {
            var messages = errors.Sorted().Select(e => $"{source}: {e.Path}: {e.Message}").DefaultIfEmpty($"{source}: the architecture cannot be read");
            throw new InvalidDataException(string.Join(Environment.NewLine, messages));
        }
        return (specs, cost);
    }

    private static bool IsEmpty(string optionsJson) => optionsJson.Trim() is "{}" or "";

    private static ComponentDescription Layer(YamlNode node) => node switch
    {
        YamlScalarNode { Value: { } name } => new ComponentDescription(name, "{}"),
        YamlMappingNode { Children.Count: 1 } mapping => new ComponentDescription(((YamlScalarNode)mapping.Children[0].Key).Value!,
            Json(mapping.Children[0].Value)),
        _ => throw new InvalidOperationException($"unexpected layer in the resolved configuration: {node}"),
    };

    /// <summary>A resolved YAML value as compact JSON: plain scalars that read as numbers, booleans or null become those; the rest strings.</summary>
    private static string Json(YamlNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, node);
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                writer.WriteStartObject();
                foreach (var (key, value) in mapping.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value!);
                    Write(writer, value);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children) Write(writer, item);
                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        string text = scalar.Value ?? "";
        if (scalar.Style is YamlDotNet.Core.ScalarStyle.Plain)
        {
            if (ScalarText.IsNull(scalar)) { writer.WriteNullValue(); return; }
            if (text is "true" or "false") { writer.WriteBooleanValue(text == "true"); return; }
            if (ScalarText.ParseNumber(text, out double value) == NumberKind.Finite)
            {
                // The resolved text is the shortest round-trip form; write it as it is, so nothing is re-rounded.
                writer.WriteRawValue(value.ToString("R", CultureInfo.InvariantCulture));
                return;
            }
        }
        writer.WriteStringValue(text);
    }
}
