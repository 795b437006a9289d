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
    public async Task Settings_come_from_the_environments_file_beside_nnlab_then_variables_then_the_command_line()
    {
        // appsettings.{environment}.json beside nnlab.dll, for an environment only this test names: no other test reads it.
        string environment = "Test" + Guid.NewGuid().ToString("N");
        string file = Path.Combine(Path.GetDirectoryName(NnLabProcess.DllPath)!, $"appsettings.{environment}.json");
        File.WriteAllText(file, """{"NnLab": {"Limits": {"MaxDepth": 2}}}""");
        try
        {
            string[] validate = ["validate", TempWorkingDirectory.Experiment];
            var fromFile = await NnLabProcess.RunAsync(_cwd.Path, validate, ("DOTNET_ENVIRONMENT", environment));
            Assert.True(fromFile.ExitCode == 2, fromFile.ToString());
            Assert.Contains(fromFile.StderrLines, l => l.Contains("nested more than 2 levels") && l.Contains("NnLab:Limits:MaxDepth"));

            var otherEnvironment = await NnLabProcess.RunAsync(_cwd.Path, validate, ("DOTNET_ENVIRONMENT", "Production"));
            Assert.True(otherEnvironment.ExitCode == 0, otherEnvironment.ToString());

            var variable = await NnLabProcess.RunAsync(_cwd.Path, validate, ("DOTNET_ENVIRONMENT", environment),
                ("NnLab__Limits__MaxDepth", "100"));
            Assert.True(variable.ExitCode == 0, variable.ToString());

            var argument = await NnLabProcess.RunAsync(_cwd.Path, [.. validate, "--NnLab:Limits:MaxDepth=3"],
                ("DOTNET_ENVIRONMENT", environment), ("NnLab__Limits__MaxDepth", "100"));
            Assert.True(argument.ExitCode == 2, argument.ToString());
            Assert.Contains(argument.StderrLines, l => l.Contains("nested more than 3 levels"));
        }
        finally
        {
            File.Delete(file);
        }
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
