using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// Reads <c>sweep.launcher</c>: a name (<c>local</c>, <c>slurm</c>) or a mapping with <c>name</c> and, for Slurm,
/// the sbatch options. Every mistake is reported at its key or value.
/// </summary>
internal sealed class SweepLauncherReader(ErrorCollector errors)
{
    public const string Key = "launcher";

    private static readonly string Path = SweepBlock.PathOf(Key);

    private static readonly IReadOnlyList<string> Names = ["local", "slurm"];

    private static readonly IReadOnlyList<string> SlurmKeys =
    [
        "name", "partition", "time", "cpus_per_task", "mem", "mem_per_cpu", "account", "qos", "constraint", "gres",
        "job_name", "array_parallelism", "trials_per_task", "setup", "sbatch_args", "command", "signal_seconds",
    ];

    private readonly NumberReader _numbers = new(errors);

    public SweepLauncher? Read(YamlNode node)
    {
        if (node is YamlScalarNode scalar) return Named(scalar, Path);
        if (node is not YamlMappingNode mapping)
        {
            errors.At(node, Path, $"expected a launcher name ({string.Join(", ", Names)}) or a mapping with 'name', got {ScalarText.Describe(node)}");
            return null;
        }
        if (MappingKeys.Find(mapping, "name") is not YamlScalarNode nameNode)
        {
            errors.At(MappingKeys.Find(mapping, "name") ?? mapping, At(Path, "name"),
                $"missing required key 'name': the launcher to use ({string.Join(", ", Names)})");
            return null;
        }
        int before = errors.Count;
        var named = Named(nameNode, At(Path, "name"));
        if (named is null) return null;
        if (named.Kind == SweepLauncherKind.Local)
        {
            MappingKeys.CheckKnown(mapping, Path, ["name"], errors, where: "the local launcher");
            return errors.Count == before ? named : null;
        }
        MappingKeys.CheckKnown(mapping, Path, SlurmKeys, errors, where: "the slurm launcher");
        var launcher = named with
        {
            Partition = Text(mapping, "partition"),
            Time = Text(mapping, "time"),
            CpusPerTask = Count(mapping, "cpus_per_task", 1, 4096),
            Mem = Text(mapping, "mem"),
            MemPerCpu = Text(mapping, "mem_per_cpu"),
            Account = Text(mapping, "account"),
            Qos = Text(mapping, "qos"),
            Constraint = Text(mapping, "constraint"),
            Gres = Text(mapping, "gres"),
            JobName = Text(mapping, "job_name"),
            ArrayParallelism = Count(mapping, "array_parallelism", 1, 1_000_000),
            TrialsPerTask = Count(mapping, "trials_per_task", 1, SweepLoader.MaxTrials),
            Setup = Lines(mapping, "setup"),
            SbatchArgs = Lines(mapping, "sbatch_args"),
            Command = Text(mapping, "command"),
            SignalSeconds = Count(mapping, "signal_seconds", 1, 65535) ?? 60,
        };
        if (MappingKeys.Find(mapping, "mem") is { } mem && MappingKeys.Find(mapping, "mem_per_cpu") is not null)
            errors.At(mem, At(Path, "mem"), "give either 'mem' (per node) or 'mem_per_cpu', not both: sbatch refuses the two together");
        return errors.Count == before ? launcher : null;
    }

    private SweepLauncher? Named(YamlScalarNode node, string path)
    {
        string text = node.Value ?? "";
        if (text == "local") return SweepLauncher.Local;
        if (text == "slurm") return new SweepLauncher { Kind = SweepLauncherKind.Slurm };
        errors.At(node, path, $"expected one of {string.Join(", ", Names)}, got {ScalarText.Describe(node)}{Suggest.Hint(text, Names).TrimEnd('.')}");
        return null;
    }

    private static string At(string parent, string key) => YamlPath.Key(parent, key);

    private string? Text(YamlMappingNode mapping, string key)
    {
        if (MappingKeys.Find(mapping, key) is not { } node) return null;
        if (node is YamlScalarNode { Value: { Length: > 0 } text } && !ScalarText.IsNull(node) && !text.Contains('\n')) return text;
        errors.At(node, At(Path, key), $"expected one line of text, got {ScalarText.Describe(node)}");
        return null;
    }

    private int? Count(YamlMappingNode mapping, string key, int min, int max) =>
        MappingKeys.Find(mapping, key) is { } node ? (int?)_numbers.ReadInteger(node, At(Path, key), min, max) : null;

    // A single line or a list of lines.
    private IReadOnlyList<string> Lines(YamlMappingNode mapping, string key)
    {
        if (MappingKeys.Find(mapping, key) is not { } node) return [];
        if (node is YamlScalarNode { Value: { } one } && !ScalarText.IsNull(node)) return [one];
        if (node is YamlSequenceNode list)
        {
            var lines = new List<string>();
            for (int i = 0; i < list.Children.Count; i++)
            {
                if (list.Children[i] is YamlScalarNode { Value: { } line } && !ScalarText.IsNull(list.Children[i])) lines.Add(line);
                else errors.At(list.Children[i], $"{At(Path, key)}[{i}]", $"expected text, got {ScalarText.Describe(list.Children[i])}");
            }
            return lines;
        }
        errors.At(node, At(Path, key), $"expected text or a list of text, got {ScalarText.Describe(node)}");
        return [];
    }
}
