using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;

namespace NnLab.Cli.Tests;

/// <summary>
/// What `dotnet pack NnLab.sln` makes, used as a user outside this repository uses it: the NnLab.Tool package installed
/// into a tool path runs the tutorial's XOR; a plugin made from the template builds against the NnLab.Abstractions
/// package and its layer is used through --plugins; a program built against the NnLab package trains from code.
/// </summary>
/// <remarks>
/// The packages are packed once per test class from the build the tests run on (no rebuild), into a temporary folder.
/// NuGet reads a temporary NuGet.config: that folder for NnLab's packages (source mapping), the machine's configured
/// sources for anything else; packages are extracted into a temporary folder (the machine's global packages folder is
/// only read, as a fallback), so the same version packed again is never taken from a cache.
/// </remarks>
public sealed class PackageFixture : IDisposable
{
    public PackageFixture()
    {
        Directory.CreateDirectory(Root);
        Version = XDocument.Load(Path.Combine(Repository.Root, "Directory.Build.props")).Descendants("Version").Single().Value;
        Pack = Path.Combine(Root, "packages");
        var pack = Dotnet(Repository.Root, "pack", "NnLab.sln", "-c", Configuration, "--no-build", "-o", Pack, "-nologo");
        Assert.True(pack.ExitCode == 0, pack.ToString());

        WriteNuGetConfig();
        var install = Dotnet(Root, "tool", "install", "--tool-path", Path.Combine(Root, "tools"), "--configfile", NuGetConfig,
            "NnLab.Tool", "--version", Version);
        Assert.True(install.ExitCode == 0, install.ToString());
        Tool = Path.Combine(Root, "tools", "nnlab");
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "nnlab-package-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The version Directory.Build.props sets: every package's.</summary>
    public string Version { get; }

    /// <summary>The folder `dotnet pack` wrote.</summary>
    public string Pack { get; }

    /// <summary>The installed tool's `nnlab` command.</summary>
    public string Tool { get; }

    public string NuGetConfig => Path.Combine(Root, "NuGet.config");

    /// <summary>The machine's global packages folder (read as a fallback: the packages NnLab's own build restored).</summary>
    public static string MachinePackages { get; } = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
        ? configured
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The configuration the tests run in (Release under ./test.sh): the build that is packed.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public void Dispose()
    {
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { } // a leftover temp folder is not worth failing a test over
    }

    /// <summary>The pack folder for NnLab's packages, every enabled source of the machine's NuGet configuration for the rest.</summary>
    private void WriteNuGetConfig()
    {
        var list = Dotnet(Root, "nuget", "list", "source", "--format", "short");
        Assert.True(list.ExitCode == 0, list.ToString());
        var machine = list.Stdout.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("E ", StringComparison.Ordinal))
            .Select(l => l[2..].Trim()).ToList();
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "nnlab-packages"), new XAttribute("value", Pack)));
        var mapping = new XElement("packageSourceMapping",
            new XElement("packageSource", new XAttribute("key", "nnlab-packages"),
                new XElement("package", new XAttribute("pattern", "NnLab")), new XElement("package", new XAttribute("pattern", "NnLab.*"))));
        for (int i = 0; i < machine.Count; i++)
        {
            sources.Add(new XElement("add", new XAttribute("key", $"machine-{i}"), new XAttribute("value", machine[i])));
            mapping.Add(new XElement("packageSource", new XAttribute("key", $"machine-{i}"), new XElement("package", new XAttribute("pattern", "*"))));
        }
        new XDocument(new XElement("configuration", sources, mapping)).Save(NuGetConfig);
    }

    /// <summary>Runs `dotnet ARGS` in <paramref name="directory"/>, NuGet's extraction folder isolated, no build servers left behind.</summary>
    public ProcessResult Dotnet(string directory, params string[] args) => Run("dotnet", directory, args);

    public ProcessResult Run(string program, string directory, params string[] args)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        // The test host's own MSBuild settings must not leak into these builds.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
            start.Environment.Remove(name);
        start.Environment.Remove("NNLAB_PLUGINS");
        start.Environment.Remove("NnLab__ConsoleLogLevel");
        start.Environment["NUGET_PACKAGES"] = Path.Combine(Root, "nuget-packages");
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within 5 minutes");
        }
        process.WaitForExit();
        return new ProcessResult($"{program} {string.Join(' ', args)}", process.ExitCode, stdout.Result, stderr.Result);
    }
}

public sealed record ProcessResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"{Command}: exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

public sealed class PackageTests(PackageFixture packages) : IClassFixture<PackageFixture>
{
    private const double TutorialCostAt4900 = 0.0009210166430616655;

    /// <summary>NnLab's final cost for experiments/xor.yaml (README, and every run of it on this machine).</summary>
    private const double XorFinalCost = 0.0008924103816455734;

    private string Folder(string name)
    {
        string path = Path.Combine(packages.Root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    private static Dictionary<int, double> Costs(string run) =>
        File.ReadAllLines(Path.Combine(run, "cost.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(p => int.Parse(p[0], CultureInfo.InvariantCulture), p => double.Parse(p[1], CultureInfo.InvariantCulture));

    private static JsonElement Summary(string run) => JsonDocument.Parse(File.ReadAllText(Path.Combine(run, "summary.json"))).RootElement;

    [Fact]
    public void The_pack_makes_the_three_packages_at_the_one_version()
    {
        Assert.Equal([$"NnLab.{packages.Version}.nupkg", $"NnLab.Abstractions.{packages.Version}.nupkg", $"NnLab.Tool.{packages.Version}.nupkg"],
            Directory.GetFiles(packages.Pack).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The plugin template's default Abstractions version is the same one.
        var template = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "plugins", "template", ".template.config", "template.json")));
        Assert.Equal(packages.Version, template.RootElement.GetProperty("symbols").GetProperty("nnlabVersion").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void The_library_package_bundles_core_experiments_and_runner_and_depends_on_what_they_use()
    {
        using var package = ZipFile.OpenRead(Path.Combine(packages.Pack, $"NnLab.{packages.Version}.nupkg"));
        Assert.Equal(["NnLab.Core.dll", "NnLab.Core.xml", "NnLab.Experiments.dll", "NnLab.Experiments.xml", "NnLab.Runner.dll", "NnLab.Runner.xml"],
            package.Entries.Where(e => e.FullName.StartsWith("lib/net10.0/", StringComparison.Ordinal)).Select(e => e.Name).Order(StringComparer.Ordinal));
        XNamespace ns = "http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd";
        using var nuspec = package.GetEntry("NnLab.nuspec")!.Open();
        var dependencies = XDocument.Load(nuspec).Descendants(ns + "dependency")
            .ToDictionary(d => d.Attribute("id")!.Value, d => d.Attribute("version")!.Value);

        Assert.Equal(packages.Version, dependencies["NnLab.Abstractions"]);
        // Every package the bundled projects reference is a dependency of the package (the bundling hides them from NuGet).
        var used = new[] { "NnLab.Core", "NnLab.Experiments", "NnLab.Runner" }
            .SelectMany(p => XDocument.Load(Path.Combine(Repository.Root, "src", p, p + ".csproj")).Descendants("PackageReference"))
            .Select(r => r.Attribute("Include")!.Value).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.NotEmpty(used);
        Assert.Equal(used, dependencies.Keys.Where(k => k != "NnLab.Abstractions").Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_installed_tool_runs_the_tutorials_xor()
    {
        string cwd = Folder("tool-run");
        var run = packages.Run(packages.Tool, cwd, "run", Repository.Experiment("xor.yaml"), "--out", "xor");

        Assert.True(run.ExitCode == 0, run.ToString());
        string folder = Path.Combine(cwd, "xor");
        Assert.Equal(TutorialCostAt4900, Costs(folder)[4900], TutorialCostAt4900 * 1e-12);
        var summary = Summary(folder);
        Assert.Equal("completed", summary.GetProperty("status").GetString());
        Assert.Equal(XorFinalCost, summary.GetProperty("final_cost").GetDouble());
        Assert.StartsWith(packages.Version, summary.GetProperty("nnlab_version").GetString());
    }

    [Fact]
    public void Projects_outside_the_repository_build_against_the_packages_a_template_plugin_and_a_program()
    {
        string work = Folder("out-of-tree");
        // The plugin, from the template as a plugin author makes it (the template installed into a private hive).
        string hive = Path.Combine(packages.Root, "template-hive");
        var install = packages.Dotnet(work, "new", "install", Path.Combine(Repository.Root, "plugins", "template"), "--debug:custom-hive", hive);
        Assert.True(install.ExitCode == 0, install.ToString());
        var create = packages.Dotnet(work, "new", "nnlab-plugin", "-n", "MyLayers", "-o", "MyLayers", "--debug:custom-hive", hive);
        Assert.True(create.ExitCode == 0, create.ToString());
        Assert.Contains($"<PackageReference Include=\"NnLab.Abstractions\" Version=\"{packages.Version}\"", File.ReadAllText(Path.Combine(work, "MyLayers", "MyLayers.csproj")));

        // A program training from code with the NnLab package.
        Directory.CreateDirectory(Path.Combine(work, "Trainer"));
        File.WriteAllText(Path.Combine(work, "Trainer", "Trainer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <ImplicitUsings>enable</ImplicitUsings>
                <Nullable>enable</Nullable>
                <!-- Packages the machine already has are read from its global folder, not extracted again. -->
                <RestoreAdditionalProjectFallbackFolders>{PackageFixture.MachinePackages}</RestoreAdditionalProjectFallbackFolders>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="NnLab" Version="{packages.Version}" />
                <!-- ServiceCollection.BuildServiceProvider: a container, which a host would bring. -->
                <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.14" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(work, "Trainer", "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using NnLab.Experiments;
            using NnLab.Runner;

            using var services = new ServiceCollection().AddNnLab().BuildServiceProvider();
            var experiment = services.GetRequiredService<ExperimentLoader>().LoadFile(args[0]).Experiment;
            var run = await services.GetRequiredService<ExperimentRunner>().RunAsync(experiment, new RunOptions { OutputDirectory = args[1] });
            Console.WriteLine(run.Summary.FinalCost?.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            """);
        File.WriteAllText(Path.Combine(work, "both.slnx"), """
            <Solution>
              <Project Path="MyLayers/MyLayers.csproj" />
              <Project Path="Trainer/Trainer.csproj" />
            </Solution>
            """);
        var build = packages.Dotnet(work, "build", "both.slnx", "-c", "Release", "--disable-build-servers", "-nologo");
        Assert.True(build.ExitCode == 0, build.ToString());

        // The plugin folder holds the plugin, not a copy of the contracts: NnLab's own is used.
        string plugin = Path.Combine(work, "MyLayers", "bin", "Release", "net10.0");
        Assert.True(File.Exists(Path.Combine(plugin, "MyLayers.dll")));
        Assert.False(File.Exists(Path.Combine(plugin, "NnLab.Abstractions.dll")));

        // Its scaled_tanh with scale 1 is tanh: a run through --plugins ends on the built-in tanh's cost, bit for bit.
        const string tanh = """
            name: xor-tanh
            seed: 48
            data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
            model:
              - linear: {units: 3, init: xavier}
              - tanh
              - linear: {units: 1, init: xavier}
              - sigmoid
            optimizer: {name: gradient_descent, learning_rate: 1}
            training: {epochs: 2000}
            """;
        File.WriteAllText(Path.Combine(work, "tanh.yaml"), tanh);
        File.WriteAllText(Path.Combine(work, "scaled.yaml"), tanh.Replace("  - tanh", "  - scaled_tanh: {scale: 1}"));
        var builtIn = packages.Run(packages.Tool, work, "run", "tanh.yaml", "--out", "tanh");
        Assert.True(builtIn.ExitCode == 0, builtIn.ToString());
        var withPlugin = packages.Run(packages.Tool, work, "run", "scaled.yaml", "--out", "scaled", "--plugins", plugin);
        Assert.True(withPlugin.ExitCode == 0, withPlugin.ToString());
        double expected = Summary(Path.Combine(work, "tanh")).GetProperty("final_cost").GetDouble();
        Assert.Equal(expected, Summary(Path.Combine(work, "scaled")).GetProperty("final_cost").GetDouble());
        Assert.True(expected < 0.01, $"final cost {expected}");

        // The program trains the tutorial's XOR through the library package as nnlab does.
        var trainer = packages.Dotnet(work, Path.Combine(work, "Trainer", "bin", "Release", "net10.0", "Trainer.dll"),
            Repository.Experiment("xor.yaml"), Path.Combine(work, "trained"));
        Assert.True(trainer.ExitCode == 0, trainer.ToString());
        Assert.Equal(XorFinalCost.ToString("R", CultureInfo.InvariantCulture), trainer.Stdout.Trim().Split('\n')[^1]);
        Assert.Equal(TutorialCostAt4900, Costs(Path.Combine(work, "trained"))[4900], TutorialCostAt4900 * 1e-12);
    }
}
