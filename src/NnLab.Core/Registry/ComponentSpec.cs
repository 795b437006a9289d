namespace NnLab.Registry;

/// <summary>A resolved component: its registry entry and its bound, validated options.</summary>
public sealed record ComponentSpec(ComponentDescriptor Descriptor, object? Options)
{
    public string Name => Descriptor.Name;

    public T Create<T>() where T : class => Descriptor.Create<T>(Options);
}
