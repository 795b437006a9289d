using System.Reflection;

namespace NnLab.Registry;

/// <summary>
/// Every layer, initializer, cost and optimizer NnLab knows, by kind and name. Built-ins and plugins register the
/// same way: each class marked with <see cref="RegisterAttribute"/>, a plugin's found by scanning its assembly, the
/// built-ins from their list (<see cref="BuiltInComponents"/>).
/// </summary>
public sealed class ComponentRegistry
{
    public const string BuiltInSource = "built-in";

    // One table of names per kind, indexed by the kind's value. (Keyed by kind and name together, the table's code was
    // compiled at run time on every command: a dictionary keyed by a value tuple is not in the precompiled images.)
    private readonly Dictionary<string, ComponentDescriptor>[] _byKind = NewTables();

    // A loop, not Enumerable.Range(...).Select(...): that query over int is not in the precompiled code.
    private static Dictionary<string, ComponentDescriptor>[] NewTables()
    {
        var tables = new Dictionary<string, ComponentDescriptor>[Enum.GetValues<ComponentKind>().Length];
        for (int i = 0; i < tables.Length; i++) tables[i] = new Dictionary<string, ComponentDescriptor>(StringComparer.Ordinal);
        return tables;
    }

    private Dictionary<string, ComponentDescriptor> Table(ComponentKind kind) => _byKind[(int)kind];

    // Registrations put off until a name is needed that the registry does not hold yet (see Defer).
    private readonly object _deferredGate = new();
    private Action<ComponentRegistry>? _deferred;

    /// <summary>
    /// Puts off a registration (loading plugin folders) until it is needed: until a name is looked up that is not
    /// registered yet, or every name is listed. A command that only uses names already registered never runs it.
    /// </summary>
    public void Defer(Action<ComponentRegistry> register)
    {
        lock (_deferredGate) _deferred += register;
    }

    /// <summary>Runs the deferred registrations now (once).</summary>
    public void RegisterDeferred()
    {
        lock (_deferredGate)
        {
            var deferred = _deferred;
            _deferred = null;
            deferred?.Invoke(this);
        }
    }

    // The built-ins' descriptors (immutable), made once per process and shared by every registry.
    private static readonly Lazy<IReadOnlyList<ComponentDescriptor>> BuiltIns =
        new(() => new ComponentRegistry().RegisterTypes(BuiltInComponents.Types, BuiltInSource));

    /// <summary>A registry holding NnLab's built-in components.</summary>
    public static ComponentRegistry CreateWithBuiltIns()
    {
        var registry = new ComponentRegistry();
        foreach (var descriptor in BuiltIns.Value) registry.Add(descriptor);
        return registry;
    }

    /// <summary>Registers every <see cref="RegisterAttribute"/> class of <paramref name="assembly"/>.</summary>
    public IReadOnlyList<ComponentDescriptor> RegisterAssembly(Assembly assembly, string source) =>
        RegisterTypes(assembly.GetExportedTypes(), source);

    /// <summary>Registers each of <paramref name="types"/> that is a concrete <see cref="RegisterAttribute"/> class.</summary>
    public IReadOnlyList<ComponentDescriptor> RegisterTypes(IEnumerable<Type> types, string source)
    {
        var added = new List<ComponentDescriptor>();
        foreach (var type in types)
        {
            var attribute = type.GetCustomAttribute<RegisterAttribute>();
            if (attribute is null || type.IsAbstract) continue;
            added.Add(Register(type, attribute, source));
        }
        return added;
    }

    public ComponentDescriptor Register(Type type, RegisterAttribute attribute, string source)
    {
        var kind = ComponentDescriptor.KindOf(type)
            ?? throw new InvalidOperationException(
                $"{TypeNames.Display(type)} ({source}) has [Register(\"{attribute.Name}\")] but implements none of ILayer<T>, IInitializer, ICost<T>, IOptimizer<T>.");
        return Add(new ComponentDescriptor(kind, attribute.Name, type, ComponentDescriptor.OptionsTypeOf(type),
            source, attribute.Aliases, attribute.Description));
    }

    private ComponentDescriptor Add(ComponentDescriptor descriptor)
    {
        var (kind, type, source) = (descriptor.Kind, descriptor.Implementation, descriptor.Source);
        foreach (var name in descriptor.Aliases.Prepend(descriptor.Name))
        {
            if (Table(kind).TryGetValue(name, out var existing))
                throw new InvalidOperationException(
                    $"The {Lower(kind)} name '{name}' is registered twice: by {TypeNames.Display(existing.Implementation)} ({existing.Source}) and by {TypeNames.Display(type)} ({source}).");
            Table(kind)[name] = descriptor;
        }
        return descriptor;
    }

    /// <summary>
    /// Resolves a name. An unversioned name with no exact entry resolves to its highest version (<c>swish</c> →
    /// <c>swish.v2</c> when only versioned entries exist), so configs can pin a version or take the latest.
    /// </summary>
    public bool TryGet(ComponentKind kind, string name, out ComponentDescriptor descriptor)
    {
        if (Table(kind).TryGetValue(name, out descriptor!)) return true;
        // Not registered yet: a deferred plugin may hold it (or a higher version of it).
        if (Volatile.Read(ref _deferred) is not null)
        {
            RegisterDeferred();
            if (Table(kind).TryGetValue(name, out descriptor!)) return true;
        }
        int best = -1;
        foreach (var (candidate, d) in Table(kind))
        {
            if (VersionOf(candidate, name) is not int version || version <= best) continue;
            (best, descriptor) = (version, d);
        }
        return best >= 0;
    }

    /// <summary>N when <paramref name="candidate"/> is "<paramref name="name"/>.vN".</summary>
    private static int? VersionOf(string candidate, string name) =>
        candidate.StartsWith(name + ".v", StringComparison.Ordinal) && int.TryParse(candidate.AsSpan(name.Length + 2), out int v)
            ? v
            : null;

    /// <summary>Resolves a name or throws with the known names and the nearest one.</summary>
    public ComponentDescriptor Get(ComponentKind kind, string name) =>
        TryGet(kind, name, out var d) ? d : throw new KeyNotFoundException(DescribeUnknown(kind, name));

    /// <summary>Names of <paramref name="kind"/>, aliases included, sorted.</summary>
    public IReadOnlyList<string> Names(ComponentKind kind)
    {
        RegisterDeferred();
        return Table(kind).Keys.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Each component once, by kind then name.</summary>
    public IReadOnlyList<ComponentDescriptor> All
    {
        get
        {
            RegisterDeferred();
            return _byKind.SelectMany(t => t.Values).Distinct().OrderBy(d => d.Kind).ThenBy(d => d.Name, StringComparer.Ordinal).ToList();
        }
    }

    /// <summary>"unknown layer 'sigmod'; did you mean 'sigmoid'? Known layers: linear, sigmoid."</summary>
    public string DescribeUnknown(ComponentKind kind, string name)
    {
        var known = Names(kind);
        var nearest = NameSuggester.Nearest(name, known);
        var hint = nearest is null ? "." : $"; did you mean '{nearest}'?";
        return $"unknown {Lower(kind)} '{name}'{hint} Known {Lower(kind)}s: {string.Join(", ", known)}.";
    }

    private static string Lower(ComponentKind kind) => kind.ToString().ToLowerInvariant();
}
