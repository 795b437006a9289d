using System.Collections;
using System.Globalization;
using System.Text;
using NnLab.Experiments.Loading;
using NnLab.Registry;

namespace NnLab.Experiments;

/// <summary>
/// Builds an experiment in C# that is checked exactly as a YAML file is: the builder only writes the YAML (sections
/// in file order, each value in flow style) and <see cref="Build(ComponentRegistry?)"/> loads it with <see cref="ExperimentLoader"/>, so
/// every rule, default and message is the file's. Options are given as anonymous objects or dictionaries whose
/// member names are the YAML keys: <c>.Layer("linear", new { units = 3, init = "xavier" })</c>.
/// </summary>
public sealed class ExperimentBuilder
{
    /// <summary>How errors name the builder's text: <c>&lt;builder&gt;:7:5: model[0].units: must be at least 1, got 0</c>.</summary>
    public const string SourceName = "<builder>";

    private readonly string _name;
    private readonly List<string> _layers = [];
    private readonly Dictionary<string, string> _sections = [];
    private string _baseDirectory = "";

    public ExperimentBuilder(string name) => _name = name;

    public ExperimentBuilder Seed(uint seed) => Section("seed", seed);

    /// <summary>The <c>data</c> section, e.g. <c>new { dataset = "iris", normalize = "zscore" }</c> or inline <c>inputs</c>/<c>targets</c>.</summary>
    public ExperimentBuilder Data(object data) => Section("data", data);

    /// <summary>Relative <c>data.file</c> paths are read from here (default: the current folder).</summary>
    public ExperimentBuilder DataDirectory(string directory)
    {
        _baseDirectory = directory;
        return this;
    }

    /// <summary>Appends a layer: <c>Layer("sigmoid")</c> or <c>Layer("linear", new { units = 3 })</c>.</summary>
    public ExperimentBuilder Layer(string name, object? options = null)
    {
        _layers.Add(options is null ? Yaml(name) : $"{Yaml(name)}: {Yaml(options)}");
        return this;
    }

    public ExperimentBuilder Cost(string name, object? options = null) => Section("cost", Named(name, options));

    public ExperimentBuilder Optimizer(string name, object? options = null) => Section("optimizer", Named(name, options));

    /// <summary>The <c>training</c> section, e.g. <c>new { epochs = 5000, log_every = 100 }</c>.</summary>
    public ExperimentBuilder Training(object training) => Section("training", training);

    public ExperimentBuilder Prediction(object prediction) => Section("prediction", prediction);

    /// <summary>The experiment file this builder stands for.</summary>
    public string ToYaml()
    {
        var text = new StringBuilder();
        text.Append("name: ").Append(Yaml(_name)).Append('\n');
        foreach (string key in new[] { "seed", "data" }) if (_sections.TryGetValue(key, out var value)) text.Append($"{key}: {value}\n");
        if (_layers.Count > 0)
        {
            text.Append("model:\n");
            foreach (string layer in _layers) text.Append("  - ").Append(layer).Append('\n');
        }
        foreach (string key in new[] { "cost", "optimizer", "training", "prediction" })
            if (_sections.TryGetValue(key, out var value)) text.Append($"{key}: {value}\n");
        return text.ToString();
    }

    /// <summary>Loads <see cref="ToYaml"/> with the built-in components (or <paramref name="registry"/>'s).</summary>
    /// <exception cref="ExperimentConfigException">Every problem the file would have, each with its key path.</exception>
    public Experiment Build(ComponentRegistry? registry = null) => Build(new ExperimentLoader(registry ?? ComponentRegistry.CreateWithBuiltIns()));

    /// <summary>Loads <see cref="ToYaml"/> with <paramref name="loader"/> (its components and limits: a host's, from <c>AddNnLab</c>).</summary>
    /// <exception cref="ExperimentConfigException">Every problem the file would have, each with its key path.</exception>
    public Experiment Build(ExperimentLoader loader)
    {
        var result = loader.LoadText(ToYaml(), SourceName, _baseDirectory);
        return result.Experiment; // throws ExperimentConfigException with every error
    }

    private ExperimentBuilder Section(string key, object value)
    {
        _sections[key] = Yaml(value);
        return this;
    }

    private static Dictionary<string, object?> Named(string name, object? options)
    {
        var entries = new Dictionary<string, object?> { ["name"] = name };
        if (options is not null) foreach (var (key, value) in Entries(options)) entries[key] = value;
        return entries;
    }

    /// <summary>A value as one line of flow YAML: scalars as the loader reads them, lists, and mappings from dictionaries or objects.</summary>
    private static string Yaml(object? value) => value switch
    {
        null => "null",
        string s => YamlScalarFormatter.String(s),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        IFormattable number when value.GetType().IsPrimitive || value is decimal => number.ToString(null, CultureInfo.InvariantCulture),
        IDictionary => Mapping(value),
        IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Yaml)) + "]",
        _ when value.GetType().IsClass => Mapping(value), // anonymous objects
        _ => YamlScalarFormatter.String(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Mapping(object value) =>
        "{" + string.Join(", ", Entries(value).Select(e => $"{YamlScalarFormatter.String(e.Key)}: {Yaml(e.Value)}")) + "}";

    private static IEnumerable<KeyValuePair<string, object?>> Entries(object options) => options switch
    {
        IDictionary dictionary => dictionary.Keys.Cast<object>().Select(k => new KeyValuePair<string, object?>(k.ToString()!, dictionary[k])),
        _ => options.GetType().GetProperties().Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => new KeyValuePair<string, object?>(p.Name, p.GetValue(options))),
    };
}
