using NnLab.Experiments.Sweeps;

namespace NnLab.Experiments.Tests.Sweeps;

public sealed class SweepDataHashTests : IDisposable
{
    private const string SweepFile = """
        name: csv
        data:
          file: xor.csv
          input_columns: [x1, x2]
          target_columns: y
        model:
          - linear: {units: 1}
        optimizer: {name: gradient_descent, learning_rate: 1}
        training: {epochs: 1}
        sweep:
          axes:
            optimizer.learning_rate: [0.1, 1]
        """;

    private const string XorCsv = "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private Sweep LoadWith(string csv)
    {
        _dir.Write("xor.csv", csv);
        var result = new SweepLoader(TestLoader.BuiltIns).LoadText(SweepFile, TestLoader.File, _dir.Path, []);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Sweep;
    }

    [Fact]
    public void The_definition_hash_covers_the_values_in_a_csv_file_not_just_its_path()
    {
        var original = LoadWith(XorCsv);
        var rewritten = LoadWith(XorCsv.Replace(",", ", ")); // the same numbers, written differently
        var edited = LoadWith(XorCsv.Replace("1,1,0", "1,1,1"));

        Assert.Equal(original.DefinitionHash, rewritten.DefinitionHash);
        Assert.Equal(original.Trials.Select(t => t.Id), edited.Trials.Select(t => t.Id)); // same configuration
        Assert.NotEqual(original.DefinitionHash, edited.DefinitionHash); // so resume refuses the edited data
    }

    [Fact]
    public void The_definition_hash_covers_a_separate_validation_file_too()
    {
        _dir.Write("val.csv", "x1,x2,y\n0,0,0\n1,1,0\n");
        string file = SweepFile.Replace("  target_columns: y\n", "  target_columns: y\n  validation: {file: val.csv}\n");
        Sweep Load()
        {
            var result = new SweepLoader(TestLoader.BuiltIns).LoadText(file, TestLoader.File, _dir.Path, []);
            Assert.True(result.Succeeded, string.Join("\n", result.Errors));
            return result.Sweep;
        }
        _dir.Write("xor.csv", XorCsv);
        var original = Load();
        _dir.Write("val.csv", "x1,x2,y\n0,0,0\n1,1,1\n");

        Assert.NotEqual(original.DefinitionHash, Load().DefinitionHash);
    }
}
