using NnLab.Plugins;
using NnLab.Registry;

namespace NnLab.Tests;

public class PluginCatalogTests
{
    [Fact]
    public void Roots_come_from_plugins_config_environment_and_command_line_in_that_order()
    {
        var roots = PluginSources.Roots("/work", ["cfg"], $"/env/a{Path.PathSeparator} env/b {Path.PathSeparator}", ["cli", "/work/plugins"]);
        // Under the current directory a root stays relative, as the user knows it; elsewhere it is absolute.
        Assert.Equal(["plugins", "cfg", "/env/a", "env/b", "cli"], roots);
    }

    [Fact]
    public void Catalog_loads_every_folder_and_reports_a_missing_named_root_without_stopping()
    {
        var plugin = PluginFolders.CopyToTemp(PluginFolders.Swish);
        var missing = Path.Combine(Path.GetTempPath(), "nnlab-missing-" + Guid.NewGuid().ToString("N"));
        var optional = Path.Combine(Path.GetTempPath(), "nnlab-optional-" + Guid.NewGuid().ToString("N"));

        var (registry, errors) = PluginCatalog.Load([optional, missing, plugin], optionalRoot: optional);

        Assert.True(registry.TryGet(ComponentKind.Layer, "swish", out _));
        Assert.Equal($"plugin {missing}: the folder does not exist", Assert.Single(errors).Message);
    }
}
