using System.Text;
using NnLab.Registry;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Writes the configuration as it was finally understood: overrides applied, every default spelled out, names
/// canonical. Block style for sections, flow style for each layer and small lists. The loader reads it back to
/// the same experiment.
/// </summary>
internal sealed class ResolvedConfigWriter
{
    private readonly ComponentRegistry _registry;
    private readonly StringBuilder _text = new();

    public ResolvedConfigWriter(ComponentRegistry registry) => _registry = registry;

    public string Write(ExperimentConfig config)
    {
        _text.Clear();
        Line("# Resolved by NnLab: overrides applied, every default filled in.");
        Line($"name: {YamlScalarFormatter.String(config.Name)}");
        Line($"seed: {config.Seed}");
        WriteData(config.Data);
        Line("model:");
        foreach (var layer in config.Model) Line($"  - {Layer(layer)}");
        Line($"cost: {Named(config.Cost.Name, config.Cost.Options)}");
        Line($"optimizer: {Named(config.Optimizer.Name, config.Optimizer.Options)}");
        Line(config.EarlyStopping is { } stopping
            ? $"training: {{{string.Join(", ", Entries(config.Training))}, {EarlyStoppingOptions.Key}: {Options(stopping)}}}"
            : $"training: {Options(config.Training)}");
        Line($"prediction: {Options(config.Prediction)}");
        return _text.ToString();
    }

    private void WriteData(LoadedData loaded)
    {
        Line("data:");
        foreach (string line in loaded.ResolvedLines) Line($"  {line}");
    }

    /// <summary>One layer as the model list writes it: <c>sigmoid</c> or <c>linear: {units: 3, …}</c>.</summary>
    internal string Layer(ComponentSpec layer)
    {
        string name = YamlScalarFormatter.String(layer.Name);
        return HasOptions(layer.Options) ? $"{name}: {Options(layer.Options!)}" : name;
    }

    /// <summary>A named component as a flow mapping: <c>{name: adam, learning_rate: 0.001, …}</c>.</summary>
    internal string Named(string name, object? options)
    {
        var entries = new List<string> { $"name: {YamlScalarFormatter.String(name)}" };
        if (options is not null) entries.AddRange(Entries(options));
        return $"{{{string.Join(", ", entries)}}}";
    }

    private string Options(object options) => $"{{{string.Join(", ", Entries(options))}}}";

    private IEnumerable<string> Entries(object options) =>
        OptionsSchema.For(options.GetType()).Select(p => $"{p.Key}: {Value(p.GetValue(options))}");

    private string Value(object? value) => value is ComponentRef reference ? Initializer(reference) : YamlScalarFormatter.Format(value);

    // Explicit values go back to the list form; an initializer with options becomes {name: ..., ...}; else its bare name.
    private string Initializer(ComponentRef reference)
    {
        var options = reference.Options;
        if (options is null && _registry.TryGet(ComponentKind.Initializer, reference.Name, out var descriptor))
            options = descriptor.CreateDefaultOptions();
        if (reference.Name == InitializerReader.ValuesInitializer && options is not null
            && OptionsSchema.Find(options.GetType(), InitializerReader.ValuesKey) is { } values && values.Type == typeof(double[][]))
            return YamlScalarFormatter.Format(values.GetValue(options));
        return HasOptions(options) ? Named(reference.Name, options) : YamlScalarFormatter.String(reference.Name);
    }

    private static bool HasOptions(object? options) => options is not null && OptionsSchema.For(options.GetType()).Count > 0;


    private void Line(string line) => _text.Append(line).Append('\n');
}
