using NnLab.Registry;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Applies parsed <c>--set</c> overrides to the YAML tree before anything is bound, so overridden values are
/// checked exactly like written ones. Beyond plain navigation it knows the file's shorthands: <c>model[i].key</c>
/// reaches into a layer's options (turning <c>- sigmoid</c> into <c>- sigmoid: {key: ...}</c>), and a key under a
/// component written as a bare name (<c>optimizer: sgd</c>, <c>init: constant</c>) turns it into <c>{name: sgd, key: ...}</c>.
/// A tree that shares nodes with others (a sweep's trials share the file's) has each mapping and list on an
/// override's path copied before it is changed, and only those: the rest of the file is not copied per trial.
/// </summary>
internal sealed class OverrideApplier
{
    private readonly ComponentRegistry _registry;
    private readonly ErrorCollector _errors;
    private readonly Func<YamlNode, bool>? _isShared;

    // isShared: which nodes other trees share (ExperimentSource.IsShared); null: none.
    public OverrideApplier(ComponentRegistry registry, ErrorCollector errors, Func<YamlNode, bool>? isShared = null)
    {
        _registry = registry;
        _errors = errors;
        _isShared = isShared;
    }

    /// <summary>What a place in the tree holds, which decides how a key below it is reached.</summary>
    private enum Role { Root, Plain, LayerList, Layer, Component }

    /// <summary>A place holding a node: the node, how to replace it, and what it is.</summary>
    private sealed record Slot(YamlNode Node, Action<YamlNode> Replace, Role Role, ComponentKind Kind = ComponentKind.Layer);

    /// <summary>Applies each override in order; returns those applied.</summary>
    public IReadOnlyList<ConfigOverride> Apply(YamlMappingNode root, IReadOnlyList<ParsedOverride> overrides)
    {
        var applied = new List<ConfigOverride>();
        foreach (var o in overrides)
            if (ApplyOne(root, o)) applied.Add(new ConfigOverride(o.Path, o.ValueText));
        return applied;
    }

    private bool ApplyOne(YamlMappingNode root, ParsedOverride o)
    {
        var slot = new Slot(root, _ => { }, Role.Root);
        for (int i = 0; i < o.Segments.Count; i++)
        {
            var segment = o.Segments[i];
            bool last = i == o.Segments.Count - 1;
            var next = segment.Key is { } key ? StepKey(slot, key, o, i, last) : StepIndex(slot, segment.Index, o, i);
            if (next is null) return false;
            slot = next;
        }
        slot.Replace(o.Value);
        return true;
    }

    private Slot? StepIndex(Slot slot, int index, ParsedOverride o, int step)
    {
        string where = o.Prefix(step);
        if (slot.Node is not YamlSequenceNode list)
            return Fail(o, step, $"'{where}' is {ScalarText.Describe(slot.Node)}, not a list, so [{index}] cannot select in it");
        if (index >= list.Children.Count)
            return Fail(o, step, $"index {index} is out of range: '{where}' has {list.Children.Count} item{(list.Children.Count == 1 ? "" : "s")}");
        list = Own(list, slot.Replace);
        return new Slot(list.Children[index], node => list.Children[index] = node, slot.Role == Role.LayerList ? Role.Layer : Role.Plain);
    }

    private Slot? StepKey(Slot slot, string key, ParsedOverride o, int step, bool last)
    {
        var (mapping, owner) = slot.Role == Role.Layer ? EnterLayer(slot, o, step) : EnterMapping(slot, o, step);
        if (mapping is null) return null;
        var (role, kind) = ChildRole(slot, owner, key);
        if (MappingKeys.FindEntry(mapping, key) is { } entry)
            return new Slot(entry.Value, node => mapping.Children[entry.Key] = node, role, kind);
        // A missing key is created: `training.log_every=10` adds it, `prediction.threshold=0.7` adds the section too.
        var keyNode = Created(new YamlScalarNode(key), o, step);
        YamlNode value = last ? o.Value : Created(new YamlMappingNode(), o, step);
        mapping.Children.Add(keyNode, value);
        return new Slot(value, node => mapping.Children[keyNode] = node, role, kind);
    }

    /// <summary>The mapping a key of this slot lives in, made from an empty value or a component's bare name.</summary>
    private (YamlMappingNode?, string?) EnterMapping(Slot slot, ParsedOverride o, int step)
    {
        switch (slot.Node)
        {
            case YamlMappingNode mapping:
                return (Own(mapping, slot.Replace), NameIn(mapping));
            case var empty when ScalarText.IsNull(empty):
                var created = Created(new YamlMappingNode(), o, step);
                slot.Replace(created);
                return (created, null);
            case YamlScalarNode { Value: { } name } scalar when slot.Role == Role.Component:
                var named = new YamlMappingNode();
                _errors.Locations.Register(named, _errors.Locations.Of(scalar));
                var nameKey = new YamlScalarNode("name");
                _errors.Locations.Register(nameKey, _errors.Locations.Of(scalar));
                named.Children.Add(nameKey, scalar);
                slot.Replace(named);
                return (named, name);
            default:
                Fail(o, step, $"cannot set '{o.Segments[step]}' inside '{o.Prefix(step)}': it is {ScalarText.Describe(slot.Node)}, not a mapping");
                return (null, null);
        }
    }

    /// <summary>A layer's options mapping: <c>- sigmoid</c> becomes <c>- sigmoid: {}</c>, <c>- linear:</c> gets a mapping.</summary>
    private (YamlMappingNode?, string?) EnterLayer(Slot slot, ParsedOverride o, int step)
    {
        switch (slot.Node)
        {
            case YamlScalarNode { Value: { } name } scalar when !ScalarText.IsNull(scalar):
                var longForm = new YamlMappingNode();
                _errors.Locations.Register(longForm, _errors.Locations.Of(scalar));
                var options = Created(new YamlMappingNode(), o, step);
                longForm.Children.Add(scalar, options);
                slot.Replace(longForm);
                return (options, name);
            case YamlMappingNode { Children.Count: 1 } written when written.Children.First() is var (typeNode, value):
                string? type = (typeNode as YamlScalarNode)?.Value;
                var layer = Own(written, slot.Replace);
                if (value is YamlMappingNode existing) return (Own(existing, node => layer.Children[typeNode] = node), type);
                if (!ScalarText.IsNull(value)) break;
                var filled = Created(new YamlMappingNode(), o, step);
                layer.Children[typeNode] = filled;
                return (filled, type);
        }
        Fail(o, step, $"'{o.Prefix(step)}' is not a layer written as '- name' or '- name: {{options}}', so '{o.Segments[step]}' cannot be set in it");
        return (null, null);
    }

    private (Role, ComponentKind) ChildRole(Slot parent, string? owner, string key) => parent.Role switch
    {
        Role.Root when key == "model" => (Role.LayerList, default),
        Role.Root when key == "cost" => (Role.Component, ComponentKind.Cost),
        Role.Root when key == "optimizer" => (Role.Component, ComponentKind.Optimizer),
        Role.Layer when IsInitializerOption(ComponentKind.Layer, owner, key) => (Role.Component, ComponentKind.Initializer),
        Role.Component when IsInitializerOption(parent.Kind, owner, key) => (Role.Component, ComponentKind.Initializer),
        _ => (Role.Plain, default),
    };

    private bool IsInitializerOption(ComponentKind kind, string? component, string key) =>
        component is not null && _registry.TryGet(kind, component, out var descriptor) && descriptor.OptionsType is { } type
        && OptionsSchema.Find(type, key)?.Type == typeof(ComponentRef);

    private static string? NameIn(YamlMappingNode mapping) => (MappingKeys.Find(mapping, "name") as YamlScalarNode)?.Value;

    /// <summary>
    /// <paramref name="node"/> if this tree owns it; else a shallow copy put in its place by <paramref name="replace"/>
    /// (its children stay shared until an override goes into them), located where the original was written.
    /// </summary>
    private T Own<T>(T node, Action<YamlNode> replace) where T : YamlNode
    {
        if (_isShared is null || !_isShared(node)) return node;
        YamlNode copy = node switch
        {
            YamlMappingNode mapping => new YamlMappingNode(mapping.Children) { Style = mapping.Style },
            YamlSequenceNode list => new YamlSequenceNode(list.Children) { Style = list.Style },
            _ => node,
        };
        _errors.Locations.Register(copy, _errors.Locations.Of(node));
        replace(copy);
        return (T)copy;
    }

    private T Created<T>(T node, ParsedOverride o, int step) where T : YamlNode
    {
        _errors.Locations.Register(node, o.At(o.Segments[step].Column));
        return node;
    }

    private Slot? Fail(ParsedOverride o, int step, string message)
    {
        _errors.At(o.At(o.Segments[step].Column), o.Path, message);
        return null;
    }
}
