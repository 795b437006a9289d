namespace NnLab.Experiments;

/// <summary>
/// An experiment the loader refused, read from a failed <see cref="LoadResult"/> or built in code
/// (<see cref="ExperimentBuilder"/>): <see cref="Errors"/> are the file's errors, each at file:line:column and key path,
/// and the message lists them one a line as <c>nnlab validate</c> prints them.
/// </summary>
public sealed class ExperimentConfigException(IReadOnlyList<ConfigError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<ConfigError> Errors { get; } = errors;
}
