namespace NnLab.Experiments.Loading;

/// <summary>
/// What is being bound, for messages: <c>("layer 'linear'", "option")</c> words errors as
/// "unknown option 'unit' in layer 'linear'", <c>("training", "key")</c> as "unknown key 'epoch' in training".
/// </summary>
internal sealed record BindingSubject(string Title, string Noun)
{
    public static BindingSubject Component(ComponentKind kind, string name) =>
        new($"{kind.ToString().ToLowerInvariant()} '{name}'", "option");

    public static BindingSubject Section(string name) => new(name, "key");
}
