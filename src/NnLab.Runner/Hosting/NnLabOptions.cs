using NnLab.Experiments;

namespace NnLab.Runner.Hosting;

/// <summary>
/// NnLab's settings in a host: the configuration section <c>NnLab</c> (appsettings.json, <c>NnLab__…</c> environment
/// variables, <c>--NnLab:…=</c> arguments), read through <c>IOptions&lt;NnLabOptions&gt;</c>. The <c>nnlab</c> command
/// reads its settings the same way (<c>services.AddNnLab(configuration.GetSection(NnLabOptions.Section))</c>).
/// </summary>
public sealed class NnLabOptions
{
    /// <summary>The configuration section: <c>NnLab</c>.</summary>
    public const string Section = "NnLab";

    /// <summary>
    /// Plugin folders (<c>NnLab:Plugins</c>: a folder of assemblies is one plugin, otherwise each subfolder is), relative
    /// to the current directory. A host's registry loads these and no others, and a folder that fails to load is an
    /// error; the <c>nnlab</c> command also discovers <c>./plugins</c> and <c>NNLAB_PLUGINS</c>, and takes <c>--plugins</c>.
    /// </summary>
    public IList<string> Plugins { get; set; } = [];

    /// <summary>
    /// The input limits (<c>NnLab:Limits:MaxNodes</c>, …): every bound is a positive whole number; MaxDepth is at most
    /// 1000. From configuration, values past what a limit can be are taken as its largest (as the command always has).
    /// </summary>
    public InputLimits Limits { get; set; } = InputLimits.Default;
}
