namespace NnLab.Runner.Tests;

/// <summary>A clock stopped at one instant, so run folder names are predictable.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
