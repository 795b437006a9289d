using System.Text.RegularExpressions;
using NnLab.Registry;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Reads the document-level keys. Every section is read even after an earlier one failed, so one load reports
/// all the file's problems.
/// </summary>
internal sealed partial class ExperimentReader
{
    public const string DefaultCost = "half_squared_error";
    public const string DefaultOptimizer = "gradient_descent";
    private const int MaxNameLength = 100;

    public static readonly IReadOnlyList<string> Keys =
        ["name", "seed", "data", "model", "cost", "optimizer", "training", "prediction"];

    private readonly ErrorCollector _errors;
    private readonly OptionsBinder _binder;
    private readonly NumberReader _numbers;
    private readonly string _baseDirectory;

    /// <summary>Data sections read before from nodes this load shares with others (a sweep's trials), or null.</summary>
    public DataSectionMemo? DataMemo { get; init; }

    public ExperimentReader(ComponentRegistry registry, ErrorCollector errors, string baseDirectory)
    {
        _errors = errors;
        _binder = new OptionsBinder(registry, errors);
        _numbers = new NumberReader(errors);
        _baseDirectory = baseDirectory;
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    public ExperimentConfig? Read(YamlMappingNode root)
    {
        int errorsBefore = _errors.Count;
        MappingKeys.CheckKnown(root, "", Keys, _errors);
        string? name = ReadName(root);
        uint? seed = ReadSeed(root);
        // Generators and splits draw from the experiment's seed unless they name their own.
        var data = Required(root, "data", "the training data") is { } dataNode ? ReadData(dataNode, seed ?? 0) : null;
        var (model, sites) = ReadModel(root);
        var (cost, costSite) = ReadComponent(root, "cost", ComponentKind.Cost, DefaultCost);
        var (optimizer, optimizerSite) = ReadComponent(root, "optimizer", ComponentKind.Optimizer, DefaultOptimizer);
        var (training, earlyStopping) = ReadTraining(root, data);
        var prediction = ReadSection<PredictionOptions>(root, "prediction", MappingKeys.Find(root, "prediction"));
        if (_errors.Count != errorsBefore) return null;
        return new ExperimentConfig(name!, seed!.Value, data!, model!, sites, cost!, costSite, optimizer!, optimizerSite, training!, earlyStopping, prediction!);
    }

    private LoadedData? ReadData(YamlNode node, uint seed)
    {
        if (DataMemo?.Find(node) is { } known) return known;
        var reader = new DataSectionReader(_errors, _binder, _baseDirectory, seed);
        var data = reader.Read(node);
        if (data is not null && !reader.UsedSeed) DataMemo?.Add(node, data);
        return data;
    }

    private YamlNode? Required(YamlMappingNode root, string key, string what)
    {
        if (MappingKeys.Find(root, key) is { } node) return node;
        _errors.At(root, key, $"missing required key '{key}' ({what})");
        return null;
    }

    private string? ReadName(YamlMappingNode root)
    {
        if (Required(root, "name", "it names the run folder") is not { } node) return null;
        if (node is not YamlScalarNode { Value: { } name } || ScalarText.IsNull(node))
        {
            _errors.At(node, "name", $"expected a name, got {ScalarText.Describe(node)}");
            return null;
        }
        if (NamePattern().IsMatch(name) && name.Length <= MaxNameLength) return name;
        _errors.At(node, "name",
            $"must be 1 to {MaxNameLength} letters, digits, '-', '_' or '.', starting with a letter or digit (it names the run folder), got '{name}'");
        return null;
    }

    // numpy's np.random.seed accepts 0 ≤ seed ≤ 2³²−1; the same seed must give the same run.
    private uint? ReadSeed(YamlMappingNode root)
    {
        if (MappingKeys.Find(root, "seed") is not { } node) return 0;
        return (uint?)_numbers.ReadInteger(node, "seed", 0, uint.MaxValue);
    }

    private (IReadOnlyList<ComponentSpec>? Model, IReadOnlyList<ComponentSite> Sites) ReadModel(YamlMappingNode root)
    {
        if (Required(root, "model", "the list of layers") is not { } node) return (null, []);
        if (node is not YamlSequenceNode { Children.Count: > 0 } layers)
        {
            string problem = node is YamlSequenceNode ? "must list at least one layer" : $"expected a list of layers, got {ScalarText.Describe(node)}";
            _errors.At(node, "model", problem);
            return (null, []);
        }
        var specs = new List<ComponentSpec>();
        var sites = new List<ComponentSite>();
        for (int i = 0; i < layers.Children.Count; i++)
        {
            string path = YamlPath.Index("model", i);
            sites.Add(new ComponentSite(layers.Children[i], path));
            if (_binder.Components.ReadLayer(layers.Children[i], path) is { } spec) specs.Add(spec);
        }
        return (specs.Count == layers.Children.Count ? specs : null, sites);
    }

    // An absent cost or optimizer is read as if its default name had been written at the top of the file.
    private (ComponentSpec?, ComponentSite) ReadComponent(YamlMappingNode root, string key, ComponentKind kind, string defaultName)
    {
        var node = MappingKeys.Find(root, key);
        if (node is null)
        {
            node = new YamlScalarNode(defaultName);
            _errors.Locations.Register(node, _errors.Locations.Of(root));
        }
        return (_binder.Components.ReadNamed(kind, node, key), new ComponentSite(node, key));
    }

    // training.early_stopping is a mapping of its own inside the section, bound on its own.
    private (TrainingOptions?, EarlyStoppingOptions?) ReadTraining(YamlMappingNode root, LoadedData? data)
    {
        if (Required(root, "training", "it needs at least 'epochs'") is not { } node) return (null, null);
        if (node is not YamlMappingNode mapping || MappingKeys.FindEntry(mapping, EarlyStoppingOptions.Key) is not { } entry)
            return (ReadSection<TrainingOptions>(root, "training", node), null);
        var rest = MappingKeys.Without(mapping, entry.Key);
        var training = _binder.TryBind(typeof(TrainingOptions), rest, mapping, "training", BindingSubject.Section("training"), out var bound)
            ? (TrainingOptions?)bound
            : null;
        return (training, ReadEarlyStopping(entry.Value, data));
    }

    private EarlyStoppingOptions? ReadEarlyStopping(YamlNode node, LoadedData? data)
    {
        const string path = "training." + EarlyStoppingOptions.Key;
        if (node is not YamlMappingNode mapping && !ScalarText.IsNull(node))
        {
            _errors.At(node, path, $"expected a mapping such as {{monitor: validation_cost, patience: 100}}, got {ScalarText.Describe(node)}");
            return null;
        }
        var options = _binder.BindSection<EarlyStoppingOptions>(node as YamlMappingNode, node, path);
        if (options is not null && options.ToSettings().NeedsValidation && data is not null && data.Data.Validation is null)
        {
            var at = (node as YamlMappingNode) is { } m && MappingKeys.Find(m, "monitor") is { } monitor ? monitor : node;
            _errors.At(at, path + ".monitor",
                $"{SnakeCase.From(options.Monitor.ToString())} needs a validation split (data.split with a validation fraction, or data.validation); without one, monitor 'cost'");
            return null;
        }
        return options;
    }

    // An empty section (`prediction:`) means "all defaults", like an absent one.
    private T? ReadSection<T>(YamlMappingNode root, string key, YamlNode? node) where T : class
    {
        if (node is null || ScalarText.IsNull(node)) return _binder.BindSection<T>(null, node ?? root, key);
        if (node is YamlMappingNode mapping) return _binder.BindSection<T>(mapping, mapping, key);
        _errors.At(node, key, $"expected a mapping of {key} settings, got {ScalarText.Describe(node)}");
        return null;
    }
}
