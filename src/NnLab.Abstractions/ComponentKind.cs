namespace NnLab;

/// <summary>The four kinds of registered component.</summary>
public enum ComponentKind
{
    Layer,
    Initializer,
    Cost,
    Optimizer,
}
