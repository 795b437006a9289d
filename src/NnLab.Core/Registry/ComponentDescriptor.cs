using System.Collections.Concurrent;
using System.Reflection;

namespace NnLab.Registry;

/// <summary>One registered name: what it builds, what options it takes, and where it came from.</summary>
/// <remarks>
/// A generic implementation (<c>LinearLayer&lt;T&gt;</c>) is registered as its open definition and closed over the run's
/// element type when it is created; a non-generic one serves only the element types it implements.
/// </remarks>
public sealed class ComponentDescriptor
{
    public ComponentDescriptor(ComponentKind kind, string name, Type implementation, Type? optionsType,
        string source, IReadOnlyList<string> aliases, string? description)
    {
        Kind = kind;
        Name = name;
        Implementation = implementation;
        OptionsType = optionsType;
        Source = source;
        Aliases = aliases;
        Description = description;
    }

    public ComponentKind Kind { get; }
    public string Name { get; }
    public Type Implementation { get; }

    /// <summary>The options class bound from YAML, or null for a component without options.</summary>
    public Type? OptionsType { get; }

    /// <summary>"built-in", or the plugin folder and assembly it was loaded from.</summary>
    public string Source { get; }

    public IReadOnlyList<string> Aliases { get; }
    public string? Description { get; }

    /// <summary>A fresh options object holding every default.</summary>
    public object? CreateDefaultOptions() => OptionsType is null ? null : Activator.CreateInstance(OptionsType);

    /// <summary>
    /// Constructs the component as <typeparamref name="TService"/> (e.g. <c>ILayer&lt;float&gt;</c>), closing a generic
    /// implementation over the service's element type. <paramref name="options"/> must be of <see cref="OptionsType"/>
    /// (null means defaults).
    /// </summary>
    /// <exception cref="ComponentException">The component cannot serve as <typeparamref name="TService"/>, or its constructor threw.</exception>
    public TService Create<TService>(object? options) where TService : class
    {
        var type = ImplementationFor(typeof(TService))
            ?? throw new ComponentException(this, $"it does not implement {ServiceName(typeof(TService))}");
        try
        {
            var constructor = _constructors.GetOrAdd(type, static t => Plan(ConstructorOf(t)));
            // The runtime makes an object without constructor arguments in its own fast path; invoking a constructor by
            // reflection is interpreted (nnlab runs without dynamic code) and costs microseconds, per layer per trial.
            if (constructor.Parameters.Length == 0) return (TService)Activator.CreateInstance(type)!;
            var arguments = new object?[constructor.Parameters.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                var parameter = constructor.Parameters[i].ParameterType;
                arguments[i] = IsHostService(parameter) ? HostService(parameter) : options ?? CreateDefaultOptions();
            }
            return (TService)constructor.Info.Invoke(arguments);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new ComponentException(this, $"its constructor threw {e.InnerException.GetType().Name}: {e.InnerException.Message}", e.InnerException);
        }
        catch (Exception e) when (e is FileNotFoundException or FileLoadException or TypeLoadException or BadImageFormatException)
        {
            throw new ComponentException(this, ComponentFailure.Describe(e), e);
        }
    }

    /// <summary>
    /// The concrete type serving <paramref name="service"/>: the implementation itself, or a generic implementation
    /// closed over the service's element type; null when the component cannot serve it (a float64-only layer
    /// asked for <c>ILayer&lt;float&gt;</c>).
    /// </summary>
    public Type? ImplementationFor(Type service) => _implementations.GetOrAdd(service, Close);

    // Closing a generic type and finding its constructor cost more than the rest of making a component: a sweep makes its
    // components once per trial, so each is looked up once per service type and constructed type.
    private readonly ConcurrentDictionary<Type, Type?> _implementations = new();
    private readonly ConcurrentDictionary<Type, (ConstructorInfo Info, ParameterInfo[] Parameters)> _constructors = new();

    private static (ConstructorInfo Info, ParameterInfo[] Parameters) Plan(ConstructorInfo constructor) => (constructor, constructor.GetParameters());

    private Type? Close(Type service)
    {
        if (!Implementation.IsGenericTypeDefinition)
            return service.IsAssignableFrom(Implementation) ? Implementation : null;
        if (!service.IsGenericType || Implementation.GetGenericArguments().Length != 1) return null;
        try
        {
            var closed = Implementation.MakeGenericType(service.GetGenericArguments());
            return service.IsAssignableFrom(closed) ? closed : null;
        }
        catch (ArgumentException)
        {
            // The element type breaks the implementation's constraints: it does not support that precision.
            return null;
        }
    }

    /// <summary>Whether the component can run with elements of <paramref name="elementType"/> (initializers always can).</summary>
    public bool Supports(Type elementType) =>
        _supports.GetOrAdd(elementType, static (element, self) => self.ImplementationFor(ServiceType(self.Kind, element)) is not null, this);

    private readonly ConcurrentDictionary<Type, bool> _supports = new();

    /// <summary>The contract a component of <paramref name="kind"/> fulfils for <paramref name="elementType"/>, e.g. ILayer&lt;float&gt;.</summary>
    public static Type ServiceType(ComponentKind kind, Type elementType) => kind switch
    {
        ComponentKind.Layer => typeof(ILayer<>).MakeGenericType(elementType),
        ComponentKind.Cost => typeof(ICost<>).MakeGenericType(elementType),
        ComponentKind.Optimizer => typeof(IOptimizer<>).MakeGenericType(elementType),
        ComponentKind.Initializer => typeof(IInitializer),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown component kind"),
    };

    /// <summary>"ILayer&lt;float&gt;" rather than the reflection name "ILayer`1".</summary>
    public static string ServiceName(Type service) =>
        service.IsGenericType
            ? $"{service.Name[..service.Name.IndexOf('`')]}<{string.Join(", ", service.GetGenericArguments().Select(CSharpName))}>"
            : service.Name;

    private static string CSharpName(Type type) =>
        type == typeof(double) ? "double" : type == typeof(float) ? "float" : type.Name;

    public override string ToString() => $"{Kind.ToString().ToLowerInvariant()} '{Name}' ({Source})";

    /// <summary>The kind whose contract <paramref name="type"/> implements, for any element type.</summary>
    internal static ComponentKind? KindOf(Type type)
    {
        if (typeof(IInitializer).IsAssignableFrom(type)) return ComponentKind.Initializer;
        foreach (var contract in type.GetInterfaces().Where(i => i.IsGenericType).Select(i => i.GetGenericTypeDefinition()))
        {
            if (contract == typeof(ILayer<>)) return ComponentKind.Layer;
            if (contract == typeof(ICost<>)) return ComponentKind.Cost;
            if (contract == typeof(IOptimizer<>)) return ComponentKind.Optimizer;
        }
        return null;
    }

    /// <summary>The options type is the single parameter of the public constructor, if it has one.</summary>
    /// <summary>
    /// The logger factory that <c>ILogger&lt;T&gt;</c>, <c>ILogger</c> and <c>ILoggerFactory</c> constructor parameters are
    /// resolved from; the host sets it to its own, so a component's log lines go where NnLab's do. Default: no logging.
    /// </summary>
    public static Microsoft.Extensions.Logging.ILoggerFactory LoggerFactory { get; set; } =
        Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;

    /// <summary>True for the constructor parameters the host supplies: ILogger&lt;T&gt;, ILogger, ILoggerFactory.</summary>
    public static bool IsHostService(Type type) =>
        type == typeof(Microsoft.Extensions.Logging.ILogger) || type == typeof(Microsoft.Extensions.Logging.ILoggerFactory)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Microsoft.Extensions.Logging.ILogger<>));

    private static object HostService(Type type)
    {
        if (type == typeof(Microsoft.Extensions.Logging.ILoggerFactory)) return LoggerFactory;
        if (type == typeof(Microsoft.Extensions.Logging.ILogger)) return LoggerFactory.CreateLogger("NnLab.Plugins");
        return Activator.CreateInstance(typeof(Microsoft.Extensions.Logging.Logger<>).MakeGenericType(type.GetGenericArguments()), LoggerFactory)!;
    }

    /// <summary>The public constructor NnLab calls: the one with most parameters, all of them host services but at most one (the options).</summary>
    private static ConstructorInfo ConstructorOf(Type type) =>
        type.GetConstructors(BindingFlags.Public | BindingFlags.Instance)
            .Where(c => c.GetParameters().Count(p => !IsHostService(p.ParameterType)) <= 1)
            .OrderByDescending(c => c.GetParameters().Length)
            .FirstOrDefault()
        ?? throw new InvalidOperationException(
            $"{TypeNames.Display(type)} needs a public constructor taking nothing or one options object (and, if it wants them, ILogger<T>, ILogger or ILoggerFactory).");

    internal static Type? OptionsTypeOf(Type type) =>
        ConstructorOf(type).GetParameters().FirstOrDefault(p => !IsHostService(p.ParameterType))?.ParameterType;
}
