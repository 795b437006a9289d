namespace NnLab.Cli.Tests;

public sealed class ValidateCommandTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    [Fact]
    public async Task Validate_prints_the_resolved_yaml_with_overrides_and_writes_nothing()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "validate", TempWorkingDirectory.Experiment, "--set", "training.epochs=7");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"(?m)^name: xor$", result.Stdout);
        Assert.Matches(@"epochs: 7\b", result.Stdout);
        Assert.Equal([TempWorkingDirectory.Experiment], _cwd.Entries());
    }

    [Fact]
    public async Task Validate_reports_errors_with_exit_2()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "validate", "nope.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.StderrLines[0]);
        Assert.Equal("1 error(s); nothing was run.", result.StderrLines[^1]);
        Assert.Empty(result.Stdout);
    }
}
