using System.ComponentModel.DataAnnotations;
using System.Reflection;
using NnLab.Registry;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Binds YAML key/value pairs onto an options class by reflection, the same way for built-ins, plugins and
/// NnLab's own sections, so every component gets identical messages for unknown keys, wrong types and ranges.
/// </summary>
internal sealed class OptionsBinder
{
    private readonly ErrorCollector _errors;
    private readonly ValueReader _values;

    public OptionsBinder(ComponentRegistry registry, ErrorCollector errors)
    {
        _errors = errors;
        Components = new ComponentReader(registry, errors, this);
        _values = new ValueReader(errors, new InitializerReader(registry, errors, Components));
    }

    /// <summary>Reads named components (layers, costs, optimizers, initializers) whose options this binder binds.</summary>
    public ComponentReader Components { get; }

    /// <summary>
    /// Creates <paramref name="optionsType"/> with its defaults and sets a property per entry. <paramref name="owner"/>
    /// is where a missing required key is reported. False after reporting every problem.
    /// </summary>
    public bool TryBind(Type? optionsType, IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> entries, YamlNode owner,
        string path, BindingSubject subject, out object? options)
    {
        int errorsBefore = _errors.Count;
        options = null;
        if (optionsType is null)
            RejectAll(entries, path, subject);
        else if (CheckSupported(optionsType, owner, path, subject) && Create(optionsType, owner, path, subject) is { } created)
        {
            options = created;
            BindEntries(created, entries, owner, path, subject);
        }
        return _errors.Count == errorsBefore;
    }

    /// <summary>Binds a YAML mapping (null when the section is absent or empty) onto <typeparamref name="T"/>.</summary>
    public T? BindSection<T>(YamlMappingNode? mapping, YamlNode owner, string path) where T : class =>
        TryBind(typeof(T), mapping?.Children.ToList() ?? [], owner, path, BindingSubject.Section(path), out var options)
            ? (T?)options
            : null;

    private void RejectAll(IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> entries, string path, BindingSubject subject)
    {
        foreach (var (key, _) in entries)
            if (MappingKeys.Name(key, path, _errors) is { } name)
                _errors.At(key, YamlPath.Key(path, name), $"{subject.Title} takes no {subject.Noun}s, got '{name}'");
    }

    // An options property NnLab cannot read is the component author's bug; say so instead of failing later.
    private bool CheckSupported(Type optionsType, YamlNode owner, string path, BindingSubject subject)
    {
        bool ok = true;
        foreach (var property in OptionsSchema.For(optionsType).Where(p => !ValueReader.IsSupported(p.Type)))
        {
            _errors.At(owner, path,
                $"{subject.Title}: {subject.Noun} '{property.Key}' has type {property.Type.Name}, which NnLab cannot read from YAML " +
                "(supported: int, long, double, float, bool, string, enums, double[], double[][], int[], ComponentRef)");
            ok = false;
        }
        return ok;
    }

    private object? Create(Type optionsType, YamlNode owner, string path, BindingSubject subject)
    {
        try
        {
            return Activator.CreateInstance(optionsType);
        }
        catch (Exception e) when (e is TargetInvocationException or MissingMethodException or MemberAccessException)
        {
            // Plugin code: a throwing or missing constructor is reported, not propagated.
            _errors.At(owner, path, $"{subject.Title}: cannot create {optionsType.Name}: {(e.InnerException ?? e).Message}");
            return null;
        }
    }

    private void BindEntries(object options, IReadOnlyList<KeyValuePair<YamlNode, YamlNode>> entries, YamlNode owner,
        string path, BindingSubject subject)
    {
        var schema = OptionsSchema.For(options.GetType());
        var validKeys = schema.Select(p => p.Key).ToList();
        var bound = new Dictionary<string, YamlNode>();
        int errorsBefore = _errors.Count;
        foreach (var (keyNode, valueNode) in entries)
        {
            if (MappingKeys.Name(keyNode, path, _errors) is not { } key) continue;
            var property = schema.FirstOrDefault(p => p.Key == key);
            if (property is null)
            {
                _errors.At(keyNode, YamlPath.Key(path, key), Suggest.UnknownKey(key, validKeys, subject.Noun, subject.Title));
                continue;
            }
            bound[key] = valueNode;
            BindProperty(options, property, valueNode, YamlPath.Key(path, key));
        }
        foreach (var missing in schema.Where(p => p.IsRequired && !bound.ContainsKey(p.Key)))
            _errors.At(owner, YamlPath.Key(path, missing.Key), $"missing required {subject.Noun} '{missing.Key}'");
        // Cross-field rules only make sense once every field is valid.
        if (_errors.Count == errorsBefore && options is IValidatableObject validatable)
            ValidateObject(validatable, bound, owner, path);
    }

    private void BindProperty(object options, OptionProperty property, YamlNode node, string path)
    {
        if (!_values.TryRead(node, property.Type, path, out object? value)) return;
        if (Validate(options, property, value, node) is { } problem)
        {
            _errors.At(node, path, problem);
            return;
        }
        try
        {
            property.SetValue(options, value);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // A plugin's setter may validate on its own; its message is meant for the user.
            _errors.At(node, path, e.InnerException.Message);
        }
    }

    private static string? Validate(object options, OptionProperty property, object? value, YamlNode node)
    {
        if (property.Range is { } range && value is int or long or double or float)
        {
            string written = node is YamlScalarNode { Value: { } text } ? text : Convert.ToString(value)!;
            if (RangeCheck.Check(range, Convert.ToDouble(value), written) is { } message) return message;
        }
        if (property.IsRequired && value is "") return "must not be empty";
        var context = new ValidationContext(options) { MemberName = property.Property.Name, DisplayName = property.Key };
        foreach (var attribute in property.OtherValidations)
        {
            var result = attribute.GetValidationResult(value, context);
            if (result != ValidationResult.Success) return result?.ErrorMessage ?? "is not valid";
        }
        return null;
    }

    private void ValidateObject(IValidatableObject options, Dictionary<string, YamlNode> bound, YamlNode owner, string path)
    {
        foreach (var result in options.Validate(new ValidationContext(options)))
        {
            string? key = result.MemberNames.Select(SnakeCase.From).FirstOrDefault();
            var node = key is not null && bound.TryGetValue(key, out var n) ? n : owner;
            _errors.At(node, key is null ? path : YamlPath.Key(path, key), result.ErrorMessage ?? "is not valid");
        }
    }
}
