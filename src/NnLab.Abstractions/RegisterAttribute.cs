namespace NnLab;

/// <summary>
/// Registers a layer, initializer, cost or optimizer under a name. The kind follows from the interface the class
/// implements. The class needs a public constructor that takes either nothing or its options object: a class with
/// settable properties, bound from the YAML mapping (snake_case keys, e.g. LearningRate ↔ learning_rate).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class RegisterAttribute : Attribute
{
    public RegisterAttribute(string name) => Name = name;

    /// <summary>The name used in YAML, lower snake_case. A versioned name such as <c>swish.v2</c> is allowed.</summary>
    public string Name { get; }

    /// <summary>Other names that resolve to this component (e.g. <c>mse</c>).</summary>
    public string[] Aliases { get; init; } = [];

    /// <summary>One line for <c>nnlab plugins list</c> and error messages.</summary>
    public string? Description { get; init; }
}
