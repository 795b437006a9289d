namespace NnLab.Cli.Tests;

/// <summary>Each kind of bad experiment file: a located message, exit 2, and nothing written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    private const string Good = """
        name: bad
        data:
          inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]
          targets: [0, 1, 1, 0]
        model:
          - linear: {units: 3}
          - sigmoid
          - linear: {units: 1}
          - sigmoid
        training: {epochs: 10}
        """;

    [Theory]
    [InlineData("training: {epochs: 10}", "training: {epochs: 10}\ncolour: red", "bad.yaml:11:1: colour: unknown key 'colour'")]
    [InlineData("- sigmoid\n  - linear: {units: 1}", "- sigmod\n  - linear: {units: 1}", "bad.yaml:7:5: model[1]: unknown layer 'sigmod'; did you mean 'sigmoid'?")]
    [InlineData("{units: 3}", "{units: 3, init: xavir}", "bad.yaml:6:30: model[0].init: unknown initializer 'xavir'; did you mean 'xavier'?")]
    [InlineData("training: {epochs: 10}", "training: {epochs: ten}", "bad.yaml:10:20: training.epochs: expected an integer")]
    [InlineData("training: {epochs: 10}", "training: {epochs: 0}", "bad.yaml:10:20: training.epochs: must be at least 1")]
    [InlineData("training: {epochs: 10}", "training: {log_every: 5}", "training.epochs: missing required key 'epochs'")]
    [InlineData("[1, 1]]", "[1]]", "data.inputs[3]")]
    [InlineData("[1, 1]]", "[1, x]]", "bad.yaml:3:40: data.inputs[3][1]: expected a number")]
    [InlineData("[1, 1]]", "[1, .nan]]", "bad.yaml:3:40: data.inputs[3][1]: must be a")]
    [InlineData("{units: 1}", "{units: 2}", "model outputs 2 values per example but data has 1 target column")]
    [InlineData("{units: 3}", "{units: 0}", "bad.yaml:6:21: model[0].units: must be at least 1")]
    [InlineData("{units: 3}", "{units: 3, init: [[0.1, 0.6]]}", "bad.yaml:6:5: model[0]: cannot build layer 'linear' with 2 inputs: explicit values are 1×2 but this weight is 3×2")]
    public async Task A_bad_file_is_reported_at_its_place_exits_2_and_writes_nothing(string good, string bad, string expected)
    {
        Assert.Contains(good, Good);
        File.WriteAllText(_cwd.Combine("bad.yaml"), Good.Replace(good, bad));
        var before = _cwd.Entries();

        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", "bad.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Contains(result.StderrLines, l => l.Contains(expected));
        Assert.Equal(before, _cwd.Entries());
    }

    [Fact]
    public async Task Every_error_of_a_file_is_reported_together()
    {
        File.WriteAllText(_cwd.Combine("bad.yaml"), Good.Replace("{units: 3}", "{units: 0}").Replace("epochs: 10", "epochs: -1"));
        var result = await NnLabProcess.RunAsync(_cwd.Path, "run", "bad.yaml");
        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("2 error(s); nothing was run.", result.StderrLines[^1]);
    }

    [Fact]
    public async Task Csv_data_errors_name_the_missing_file_and_the_missing_column()
    {
        string csv = """
            name: csv
            data: {file: data.csv, input_columns: [x1, x2], target_columns: [y]}
            model: [{linear: {units: 1}}]
            training: {epochs: 1}
            """;
        File.WriteAllText(_cwd.Combine("csv.yaml"), csv);
        var missing = await NnLabProcess.RunAsync(_cwd.Path, "run", "csv.yaml");
        Assert.True(missing.ExitCode == 2, missing.ToString());
        Assert.Contains(missing.StderrLines, l => l.Contains("csv.yaml:2:14: data.file: file not found") && l.Contains("data.csv"));

        File.WriteAllText(_cwd.Combine("data.csv"), "x1,x3,y\n0,0,0\n");
        var column = await NnLabProcess.RunAsync(_cwd.Path, "run", "csv.yaml");
        Assert.True(column.ExitCode == 2, column.ToString());
        Assert.Contains(column.StderrLines, l => l.Contains("data.input_columns") && l.Contains("'x2'"));
        Assert.False(Directory.Exists(_cwd.Combine("runs")));
    }
}
