using System.CommandLine;
using NnLab.Experiments;

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

    public void AddTo(Command command)
    {
        command.Arguments.Add(_file);
        command.Options.Add(_set);
    }

    public LoadResult Load(ParseResult parse, ExperimentLoader loader) =>
        loader.LoadFile(parse.GetValue(_file)!, parse.GetValue(_set) ?? []);
}
