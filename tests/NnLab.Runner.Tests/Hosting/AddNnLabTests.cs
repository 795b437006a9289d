using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NnLab.Experiments;
using NnLab.Registry;
using NnLab.Runner.Hosting;
using NnLab.Runner.Tests.Models;

namespace NnLab.Runner.Tests.Hosting;

/// <summary>services.AddNnLab(...) in a generic host: settings through IOptions&lt;NnLabOptions&gt;, XOR trained from code.</summary>
public sealed class AddNnLabTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<RunOutcome> Example(string[] args, string file, string runs)
    {
        // README host example begin
        var builder = Host.CreateApplicationBuilder(args);   // appsettings.json, NnLab__… variables, --NnLab:…=… arguments
        builder.Services.AddNnLab(builder.Configuration.GetSection(NnLabOptions.Section));   // IOptions<NnLabOptions>
        using var host = builder.Build();
        var loaded = host.Services.GetRequiredService<ExperimentLoader>().LoadFile(file);   // the settings' plugins and limits
        var experiment = loaded.Experiment;   // a file with errors throws ExperimentConfigException, each at file:line:column
        var run = await host.Services.GetRequiredService<ExperimentRunner>()
            .RunAsync(experiment, new RunOptions { RunsRoot = runs });
        Console.WriteLine($"{run.Summary.Status}: final cost {run.Summary.FinalCost} in {run.Folder.DisplayPath}");
        // README host example end
        return run;
    }

    [Fact]
    public async Task A_host_with_AddNnLab_trains_the_tutorials_xor_from_code()
    {
        var run = await Example([], ModelTestRuns.ExperimentFile("xor.yaml"), _dir.Path);

        Assert.Equal(RunStatus.Completed, run.Summary.Status);
        Assert.Equal(0.0008924103816455734, run.Summary.FinalCost);
        double at4900 = run.Costs.Single(c => c.Epoch == 4900).Cost;
        Assert.Equal(0.0009210166430616655, at4900, 0.0009210166430616655 * 1e-12);
        Assert.True(File.Exists(Path.Combine(run.Folder.FullPath, "model", "model.json")));
    }

    [Fact]
    public void A_file_with_errors_is_never_a_null_experiment_reading_it_throws_every_error_located()
    {
        string file = _dir.Combine("negative.yaml");
        File.WriteAllText(file, File.ReadAllText(ModelTestRuns.ExperimentFile("xor.yaml")).Replace("learning_rate: 1}", "learning_rate: -5}"));
        using var services = new ServiceCollection().AddNnLab().BuildServiceProvider();

        var loaded = services.GetRequiredService<ExperimentLoader>().LoadFile(file);

        Assert.False(loaded.Succeeded);
        Assert.False(loaded.TryGetExperiment(out _));
        var error = Assert.Throws<ExperimentConfigException>(() => loaded.Experiment);
        Assert.Equal($"{file}:15:52: optimizer.learning_rate: must be greater than 0, got -5", error.Message);
        Assert.Equal(loaded.Errors, error.Errors);
    }

    [Fact]
    public void Settings_from_the_NnLab_section_reach_the_loader_through_IOptions()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddCommandLine(["--NnLab:Limits:MaxNodes=20"]);
        builder.Services.AddNnLab(builder.Configuration.GetSection(NnLabOptions.Section));
        using var host = builder.Build();

        Assert.Equal(20, host.Services.GetRequiredService<IOptions<NnLabOptions>>().Value.Limits.MaxNodes);
        Assert.Equal(20, host.Services.GetRequiredService<InputLimits>().MaxNodes);
        var loaded = host.Services.GetRequiredService<ExperimentLoader>().LoadFile(ModelTestRuns.ExperimentFile("xor.yaml"));
        var error = Assert.Single(loaded.Errors);
        Assert.Contains("NnLab:Limits:MaxNodes", error.Message);
    }

    [Fact]
    public void Options_set_in_code_are_validated_and_a_bad_setting_names_its_key()
    {
        using var inCode = new ServiceCollection().AddNnLab(o => o.Limits = o.Limits with { MaxDepth = 0 }).BuildServiceProvider();
        var invalid = Assert.Throws<OptionsValidationException>(() => inCode.GetRequiredService<InputLimits>());
        Assert.Contains("NnLab:Limits:MaxDepth must be a positive whole number, got 0", invalid.Message);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection([new("NnLab:Limits:MaxParameters", "lots")]).Build();
        using var configured = new ServiceCollection().AddNnLab(configuration.GetSection(NnLabOptions.Section)).BuildServiceProvider();
        var unreadable = Assert.Throws<InvalidOperationException>(() => configured.GetRequiredService<IOptions<NnLabOptions>>().Value);
        Assert.Equal("NnLab:Limits:MaxParameters must be a positive whole number, got 'lots'", unreadable.Message);
    }

    [Fact]
    public void The_registry_loads_the_settings_plugin_folders_and_refuses_one_that_does_not_load()
    {
        string missing = _dir.Combine("no-such-plugins");
        using var services = new ServiceCollection().AddNnLab(o => o.Plugins.Add(missing)).BuildServiceProvider();
        var error = Assert.Throws<NnLab.Plugins.PluginLoadException>(() => services.GetRequiredService<ComponentRegistry>());
        Assert.Equal($"plugin {missing}: the folder does not exist", error.Message);

        using var builtIns = new ServiceCollection().AddNnLab().BuildServiceProvider();
        Assert.True(builtIns.GetRequiredService<ComponentRegistry>().TryGet(ComponentKind.Layer, "sigmoid", out _));
    }

    [Fact]
    public void The_readme_shows_the_host_example_verbatim()
    {
        static IEnumerable<string> Dedent(IEnumerable<string> lines)
        {
            var list = lines.ToList();
            int indent = list.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
            return list.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart());
        }
        var source = File.ReadAllLines(Path.Combine(ModelTestRuns.RepositoryRoot, "tests", "NnLab.Runner.Tests", "Hosting", "AddNnLabTests.cs"));
        var example = Dedent(source.SkipWhile(l => !l.Contains("// README host example begin")).Skip(1).TakeWhile(l => !l.Contains("// README host example end")));
        var readme = File.ReadAllLines(Path.Combine(ModelTestRuns.RepositoryRoot, "README.md"));
        var block = readme.SkipWhile(l => l != "<!-- host example: tests/NnLab.Runner.Tests/Hosting/AddNnLabTests.cs -->")
            .Skip(2).TakeWhile(l => l != "```");
        Assert.Equal(example, block);
    }
}
