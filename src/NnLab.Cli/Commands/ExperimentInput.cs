using System.CommandLine;
using NnLab.Experiments;
using NnLab.Experiments.Sweeps;

namespace NnLab.Cli.Commands;

/// <summary>The FILE argument and repeatable --set option that run and validate share, and loading from them.</summary>
internal sealed class ExperimentInput
{
    private readonly Argument<string> _file = new("file") { Description = "The experiment YAML file." };

    private readonly Option<string[]> _set = new("--set")
    {
        Description = "Override a value of the file, as path=value (repeatable), e.g. --set training.epochs=100.",
        HelpName = "path=value",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>Adds FILE and --set; <paramref name="fileOptional"/> when another option can stand in for FILE (run --resume).</summary>
    public void AddTo(Command command, bool fileOptional = false)
    {
        if (fileOptional) _file.Arity = ArgumentArity.ZeroOrOne;
        command.Arguments.Add(_file);
        command.Options.Add(_set);
    }

    /// <summary>Whether FILE or --set was given.</summary>
    public bool HasFile(ParseResult parse) => parse.GetValue(_file) is not null;

    public bool HasOverrides(ParseResult parse) => (parse.GetValue(_set) ?? []).Length > 0;

    public LoadResult Load(ParseResult parse, ExperimentLoader loader) =>
        loader.LoadFile(parse.GetValue(_file)!, parse.GetValue(_set) ?? []);

    public SweepLoadResult LoadSweep(ParseResult parse, SweepLoader loader) =>
        loader.LoadFile(parse.GetValue(_file)!, parse.GetValue(_set) ?? []);

    /// <summary>True when FILE has a sweep block, so run and validate handle it as a sweep.</summary>
    public bool IsSweep(ParseResult parse, IServiceProvider services) => Loaders.IsSweep(services, parse.GetValue(_file)!);
}
