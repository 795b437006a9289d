using NnLab.Diagnostics;
using NnLab.Numerics;
using NnLab.Plugins;
using NnLab.Registry;
using NnLab.Training;

namespace NnLab.Tests;

public class PluginLoaderTests
{
    [Fact]
    public void Example_plugin_registers_its_layers_and_initializer_through_the_same_registry()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        var folder = PluginFolders.CopyToTemp(PluginFolders.Swish);
        var added = PluginLoader.LoadFolder(folder, registry);

        Assert.Equal(["lecun_uniform", "softplus", "swish"], added.Select(d => d.Name).Order());
        var swish = registry.Get(ComponentKind.Layer, "swish");
        Assert.Equal($"plugin {folder} (NnLab.Plugins.Swish 1.0.0.0)", swish.Source);
        // The contracts are the host's: the generic Swish closes over both precisions, Softplus is float64 only.
        Assert.True(swish.Supports(typeof(double)) && swish.Supports(typeof(float)), "the plugin's ILayer<T> must be the host's ILayer<T>");
        var softplus = registry.Get(ComponentKind.Layer, "softplus");
        Assert.True(softplus.Supports(typeof(double)));
        Assert.False(softplus.Supports(typeof(float)));
        Assert.Equal("Beta", swish.OptionsType!.GetProperties().Single().Name);
    }

    [Fact]
    public void Plugin_layers_pass_gradcheck_and_train()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        PluginLoader.LoadFolder(PluginFolders.CopyToTemp(PluginFolders.Swish), registry);
        foreach (var name in new[] { "swish", "softplus" })
        {
            var descriptor = registry.Get(ComponentKind.Layer, name);
            var layer = descriptor.Create<ILayer<double>>(descriptor.CreateDefaultOptions());
            var random = new NumpyRandomState(5);
            var result = GradientChecker.CheckLayer(name, layer, 3, GradientChecker.RandomMatrix(3, 4, random), random);
            Assert.True(result.Passes(1e-6), $"{name}: {result.MaxRelativeError}");
        }
    }

    [Fact]
    public void Loading_the_same_names_twice_fails_naming_both_sources()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        var first = PluginFolders.CopyToTemp(PluginFolders.Swish);
        var second = PluginFolders.CopyToTemp(PluginFolders.Swish);
        PluginLoader.LoadFolder(first, registry);
        var e = Assert.Throws<PluginLoadException>(() => PluginLoader.LoadFolder(second, registry));
        Assert.Contains($"is registered twice: by NnLab.Plugins.Swish.", e.Message);
        Assert.Contains($"(plugin {first} (NnLab.Plugins.Swish 1.0.0.0))", e.Message);
        Assert.Contains($"(plugin {second} (NnLab.Plugins.Swish 1.0.0.0))", e.Message);
    }

    [Fact]
    public void A_folder_shipping_its_own_contracts_copy_is_refused_with_the_fix()
    {
        var folder = PluginFolders.CopyToTemp(PluginFolders.Swish);
        File.Copy(typeof(ILayer<double>).Assembly.Location, Path.Combine(folder, "NnLab.Abstractions.dll"));
        var e = Assert.Throws<PluginLoadException>(() => PluginLoader.LoadFolder(folder, ComponentRegistry.CreateWithBuiltIns()));
        Assert.StartsWith($"plugin {folder}: it ships its own copy of NnLab.Abstractions.dll.", e.Message);
        Assert.Contains("<Private>false</Private> and <ExcludeAssets>runtime</ExcludeAssets>", e.Message);
    }

    [Fact]
    public void An_assembly_that_does_not_load_is_named()
    {
        var folder = Directory.CreateTempSubdirectory("nnlab-garbage-").FullName;
        File.WriteAllText(Path.Combine(folder, "Garbage.dll"), "not an assembly");
        var e = Assert.Throws<PluginLoadException>(() => PluginLoader.LoadFolder(folder, ComponentRegistry.CreateWithBuiltIns()));
        Assert.StartsWith($"plugin {folder}: Garbage.dll could not be loaded:", e.Message);
    }

    [Fact]
    public void A_malformed_dependency_manifest_is_refused_instead_of_crashing_the_process()
    {
        var folder = PluginFolders.CopyToTemp(PluginFolders.Swish);
        File.WriteAllText(Path.Combine(folder, "NnLab.Plugins.Swish.deps.json"), "{}");
        var e = Assert.Throws<PluginLoadException>(() => PluginLoader.LoadFolder(folder, ComponentRegistry.CreateWithBuiltIns()));
        Assert.Equal($"plugin {folder}: NnLab.Plugins.Swish.deps.json is not a valid dependency manifest "
            + "(it needs runtimeTarget, targets and libraries); rebuild the plugin.", e.Message);
    }

    [Theory]
    [InlineData("throwing_constructor", "layer 1 could not be created: constructor exploded")]
    [InlineData("throwing_forward", "layer 1 forward pass threw InvalidOperationException: forward exploded")]
    [InlineData("wrong_shape", "layer 1 forward pass threw ArgumentOutOfRangeException")]
    public void A_failing_plugin_layer_names_the_plugin_and_its_position(string name, string expected)
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        var folder = PluginFolders.CopyToTemp(PluginFolders.Broken);
        PluginLoader.LoadFolder(folder, registry);
        var e = Assert.Throws<ComponentException>(() =>
        {
            var network = Network<double>.Build(
                [TestModels.Linear(2, "xavier"), new ComponentSpec(registry.Get(ComponentKind.Layer, name), null)],
                2, new NumpyRandomState(1), ReferenceMatrixOperations<double>.Instance, registry);
            network.Forward(TestModels.XorInputs);
        });
        Assert.StartsWith($"layer '{name}' (plugin {folder} (NnLab.TestPlugins.Broken 0.1.0.0)): {expected}", e.Message);
    }

    [Fact]
    public void A_plugin_carries_its_own_dependency_resolved_from_its_folder_in_its_own_context()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        PluginLoader.LoadFolder(PluginFolders.CopyToTemp(PluginFolders.Broken), registry);
        var descriptor = registry.Get(ComponentKind.Layer, "uses_dependency");
        var network = Network<double>.Build([new ComponentSpec(descriptor, null)], 2, new NumpyRandomState(1),
            ReferenceMatrixOperations<double>.Instance, registry);

        Assert.Equal([0.0, 0, 2, 2, 0, 2, 0, 2], network.Forward(TestModels.XorInputs).Data);
        var context = System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(descriptor.Implementation.Assembly)!;
        Assert.StartsWith("plugin:", context.Name);
        Assert.Contains(context.Assemblies, a => a.GetName().Name == "NnLab.TestPlugins.Helper");
        Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "NnLab.Abstractions");
    }

    [Fact]
    public void Discovery_takes_a_plugin_folder_its_subfolders_or_a_projects_release_output()
    {
        var root = Path.Combine(Path.GetTempPath(), "nnlab-discovery-" + Guid.NewGuid().ToString("N"));
        var direct = Directory.CreateDirectory(Path.Combine(root, "a")).FullName;
        File.WriteAllText(Path.Combine(direct, "A.dll"), "");
        var project = Directory.CreateDirectory(Path.Combine(root, "b")).FullName;
        File.WriteAllText(Path.Combine(project, "B.csproj"), "");
        var output = Directory.CreateDirectory(Path.Combine(project, "bin", "Release", "net10.0")).FullName;
        File.WriteAllText(Path.Combine(output, "B.dll"), "");
        Directory.CreateDirectory(Path.Combine(root, "empty"));

        Assert.Equal([direct, Path.Combine(project, PluginDiscovery.ProjectBuildOutput)], PluginDiscovery.PluginFolders(root));
        Assert.Equal([direct], PluginDiscovery.PluginFolders(direct));
        Assert.Empty(PluginDiscovery.PluginFolders(Path.Combine(root, "missing")));
    }

    [Fact]
    public void Versioned_names_resolve_to_the_highest_version_unless_pinned()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        registry.Register(typeof(RegistryTests.AnotherSigmoid), new RegisterAttribute("gelu.v1"), "test");
        registry.Register(typeof(Layers.TanhLayer<>), new RegisterAttribute("gelu.v2"), "test");
        Assert.Equal("gelu.v2", registry.Get(ComponentKind.Layer, "gelu").Name);
        Assert.Equal("gelu.v1", registry.Get(ComponentKind.Layer, "gelu.v1").Name);
    }
}
