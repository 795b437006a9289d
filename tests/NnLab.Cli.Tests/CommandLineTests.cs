namespace NnLab.Cli.Tests;

public sealed class CommandLineTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    [Fact]
    public async Task Version_prints_the_informational_version()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "--version");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^0\.1\.0(\+[0-9a-f]+)?$", result.Stdout.Trim());
    }

    [Fact]
    public async Task Host_configuration_can_be_given_on_the_command_line()
    {
        var quiet = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--out", "quiet",
            "--NnLab:ConsoleLogLevel=Warning");
        Assert.True(quiet.ExitCode == 0, quiet.ToString());
        Assert.DoesNotContain(quiet.StderrLines, l => l.StartsWith("Epoch ", StringComparison.Ordinal));

        var chatty = await NnLabProcess.RunAsync(_cwd.Path, "run", TempWorkingDirectory.Experiment, "--out", "chatty");
        Assert.Contains(chatty.StderrLines, l => l.StartsWith("Epoch 0 cost ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_help_lists_its_options()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", "--help");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("--set <path=value>", result.Stdout);
        Assert.Contains("--out <DIR>", result.Stdout);
        Assert.Contains("--verbose", result.Stdout);
    }

    [Theory]
    [InlineData]
    [InlineData("run")]
    [InlineData("run", "xor.yaml", "--bogus")]
    [InlineData("run", "xor.yaml", "--set")]
    [InlineData("frobnicate")]
    public async Task Usage_errors_exit_2_with_a_pointer_to_help_and_run_nothing(params string[] args)
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, args);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: ", result.StderrLines[0]);
        Assert.Equal("Run 'nnlab --help' for usage.", result.StderrLines[^1]);
        Assert.Equal([TempWorkingDirectory.Experiment], _cwd.Entries());
    }
}
