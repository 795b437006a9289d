namespace NnLab.Registry;

/// <summary>A component (built-in or plugin) failed; the message names it and where it came from.</summary>
public sealed class ComponentException : Exception
{
    public ComponentException(ComponentDescriptor component, string message, Exception? inner = null)
        : base($"{component}: {message}", inner) => Component = component;

    public ComponentDescriptor Component { get; }
}
