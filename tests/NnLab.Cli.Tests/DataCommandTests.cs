using System.Security.Cryptography;
using System.Text.Json;

namespace NnLab.Cli.Tests;

public sealed class DataCommandTests : IDisposable
{
    private readonly TempWorkingDirectory _cwd = new();

    public void Dispose() => _cwd.Dispose();

    [Fact]
    public async Task Data_prints_the_splits_and_statistics_and_writes_data_csv_whose_hash_a_run_records()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "data", Repository.Experiment("iris.yaml"), "--out", "d");

        Assert.True(result.ExitCode == 0, result.ToString());
        // 50 of each species: 0.15 × 50 = 7.5 rounds to 8 for validation and for test, leaving 34 to train.
        Assert.Contains("train          102  setosa: 34, versicolor: 34, virginica: 34\n", result.Stdout);
        Assert.Contains("validation      24  setosa: 8, versicolor: 8, virginica: 8\n", result.Stdout);
        Assert.Contains("normalize   zscore, fitted on the train split", result.Stdout);
        string csv = File.ReadAllText(_cwd.Combine("d", "data.csv"));
        Assert.StartsWith("sepal_length,sepal_width,petal_length,petal_width,species,split\n5.1,3.5,1.4,0.2,setosa,", csv);
        Assert.Equal(151, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var normalization = JsonDocument.Parse(File.ReadAllText(_cwd.Combine("d", "normalization.json"))).RootElement;
        Assert.Equal("zscore", normalization.GetProperty("method").GetString());
        Assert.Equal(4, normalization.GetProperty("inputs").GetArrayLength());
        string sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_cwd.Combine("d", "data.csv"))));
        Assert.Contains($"sha256      {sha}", result.Stdout);

        var run = await NnLabProcess.RunAsync(_cwd.Path, "run", Repository.Experiment("iris.yaml"), "--out", "r", "--set", "training.epochs=3");
        Assert.True(run.ExitCode == 0, run.ToString());
        var summary = JsonDocument.Parse(File.ReadAllText(_cwd.Combine("r", "summary.json"))).RootElement;
        Assert.Equal(sha, summary.GetProperty("data_sha256").GetString());
        Assert.Equal(["setosa", "versicolor", "virginica"], summary.GetProperty("class_labels").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Bad_split_fractions_exit_2_with_their_location_and_write_nothing()
    {
        var result = await NnLabProcess.RunAsync(_cwd.Path, "data", Repository.Experiment("moons.yaml"), "--out", "d",
            "--set", "data.split={train: 0.5, validation: 0.2}");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: --set:1:12: data.split: the fractions must sum to 1, got 0.7 (train 0.5 + validation 0.2 + test 0)", result.StderrLines[0]);
        Assert.False(Directory.Exists(_cwd.Combine("d")));
    }
}
