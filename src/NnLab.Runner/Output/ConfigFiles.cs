using System.Text;
using NnLab.Experiments;
using NnLab.Runner.IO;

namespace NnLab.Runner.Output;

/// <summary>
/// config.yaml (the file exactly as written, to rerun it) and config.resolved.yaml (what actually ran: defaults
/// filled in, overrides applied, with a header naming the overrides so the difference from config.yaml is explained).
/// </summary>
internal static class ConfigFiles
{
    public static void Write(RunFolder folder, Experiment experiment)
    {
        AtomicFile.WriteAllText(folder.PathOf(RunFiles.Config), experiment.SourceText);
        AtomicFile.WriteAllText(folder.PathOf(RunFiles.ResolvedConfig), ResolvedText(experiment));
    }

    internal static string ResolvedText(Experiment experiment)
    {
        var text = new StringBuilder();
        text.Append("# Source: ").Append(experiment.SourceFile).Append('\n');
        if (experiment.Overrides.Count == 0)
            text.Append("# --set overrides applied: none\n");
        else
        {
            text.Append("# --set overrides applied:\n");
            foreach (var applied in experiment.Overrides)
                text.Append("#   ").Append(applied.ToString().ReplaceLineEndings(" ")).Append('\n');
        }
        return text.Append(experiment.ResolvedYaml).ToString();
    }
}
