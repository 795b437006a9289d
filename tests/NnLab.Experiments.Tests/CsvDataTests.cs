using static NnLab.Experiments.Tests.TestLoader;

namespace NnLab.Experiments.Tests;

public class CsvDataTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private const string Experiment = """
        name: csv
        data:
          file: data/xor.csv
          input_columns: [x1, x2]
          target_columns: y
        model:
          - linear: {units: 1}
        training: {epochs: 1}
        """;

    public void Dispose() => _dir.Dispose();

    private LoadResult LoadWithCsv(string csv, params string[] overrides)
    {
        _dir.Write("data/xor.csv", csv);
        return Load(Experiment, BuiltIns, _dir.Path, overrides);
    }

    private string CsvPath => Path.Combine(_dir.Path, "data/xor.csv");

    [Fact]
    public void Columns_are_taken_by_header_name_and_examples_become_columns()
    {
        var data = Unwrap(LoadWithCsv("""
            label, y, x2, x1
            "a, quoted", 0, 0, 0

            b, 1, 1, 0
            c,1,0,1
            d, 0, 1, 1
            """)).Data;

        Assert.Equal((2, 4), (data.Inputs.Rows, data.Inputs.Cols));
        Assert.Equal([0, 0, 1, 1, 0, 1, 0, 1], data.Inputs.Data);
        Assert.Equal([0, 1, 1, 0], data.Targets.Data);
        Assert.Equal(["x1", "x2"], data.InputNames);
        Assert.Equal(["y"], data.TargetNames);
    }

    [Fact]
    public void Bad_cells_and_ragged_rows_are_reported_in_the_csv_itself()
    {
        string[] errors = Errors(LoadWithCsv("x1,x2,y,note\n0,0,0,ok\n0,abc,1,\n1,0\n1,nan,,x\n"));

        Assert.Equal([
            $"{CsvPath}:3:3: data.file: column 'x2': expected a number, got 'abc'",
            $"{CsvPath}:4:1: data.file: this row has 2 values but the header has 4 columns",
            $"{CsvPath}:5:3: data.file: column 'x2': must be a finite number, got 'nan'",
            $"{CsvPath}:5:7: data.file: column 'y': expected a number, got an empty cell",
        ], errors);
    }

    [Fact]
    public void A_missing_file_is_reported_at_data_file()
    {
        string error = Assert.Single(Errors(Load(Experiment, BuiltIns, _dir.Path)));

        Assert.Equal($"exp.yaml:3:9: data.file: file not found: {CsvPath} (paths are relative to the experiment file's folder)", error);
    }

    [Fact]
    public void A_missing_column_lists_the_header_and_suggests_the_nearest()
    {
        string error = Assert.Single(Errors(LoadWithCsv("x1,x_2,y\n0,0,0\n", "data.input_columns=[x1, x2]")));

        Assert.Equal($"--set:1:25: data.input_columns[1]: column 'x2' is not in {CsvPath}; did you mean 'x1'? Its columns are: x1, x_2, y.", error);
    }

    [Fact]
    public void A_missing_column_in_the_file_is_reported_where_it_is_named()
    {
        string error = Assert.Single(Errors(LoadWithCsv("x1,x2,Y\n0,0,0\n")));

        Assert.Equal($"exp.yaml:5:19: data.target_columns: column 'y' is not in {CsvPath}; did you mean 'Y'? Its columns are: x1, x2, Y.", error);
    }

    [Fact]
    public void An_empty_file_a_header_alone_and_missing_column_lists_are_reported()
    {
        Assert.Equal($"exp.yaml:3:9: data.file: {CsvPath} is empty; its first line must be a header naming the columns",
            Assert.Single(Errors(LoadWithCsv(""))));
        Assert.Equal($"exp.yaml:3:9: data.file: {CsvPath} has a header but no data rows",
            Assert.Single(Errors(LoadWithCsv("x1,x2,y\n"))));
        _dir.Write("d.csv", "a,b\n1,2\n");
        Assert.Equal("exp.yaml:2:7: data.target_columns: missing required key 'target_columns' (names of columns in the CSV header)",
            Assert.Single(Errors(Load("""
                name: t
                data: {file: d.csv, input_columns: [a]}
                model: [sigmoid]
                training: {epochs: 1}
                """, BuiltIns, _dir.Path))));
    }

    [Fact]
    public void A_malformed_header_is_reported_alone()
    {
        string error = Assert.Single(Errors(LoadWithCsv("\"x1,x2,y\n0,0,0\n")));

        Assert.Equal($"{CsvPath}:1:1: data.file: unterminated or malformed quoted field", error);
    }

    [Fact]
    public void A_header_naming_a_column_twice_and_an_unclosed_quote_are_reported()
    {
        string[] errors = Errors(LoadWithCsv("x1,x2,y,x1\n0,0,0,0\n1,1,\"1,0\n"));

        Assert.Equal([
            $"{CsvPath}:1:9: data.file: the header names column 'x1' twice",
            $"{CsvPath}:3:5: data.file: unterminated or malformed quoted field",
        ], errors);
    }
}
