namespace NnLab.Runner.Models;

/// <summary>
/// A model that cannot be loaded (no bundle, a damaged one, a component whose plugin is not loaded) or data it cannot
/// be applied to (a missing column, a cell that is not a number — located to file:line:column). The message says
/// what and where, one problem per line.
/// </summary>
public sealed class ModelException : Exception
{
    public ModelException(string message) : base(message) { }

    public ModelException(string message, Exception inner) : base(message, inner) { }
}
