using System.Text.Json;
using NnLab.Runner.Output;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Sweeps;

public sealed class TrialParametersTests
{
    private static readonly string[] Names = ["optimizer.learning_rate", "repeat", "seed"];

    [Fact]
    public void Reads_as_a_dictionary_in_the_sweeps_order()
    {
        var parameters = new TrialParameters(Names, ["0.5", "1", "1048"]);

        Assert.Equal(3, parameters.Count);
        Assert.Equal("1048", parameters["seed"]);
        Assert.True(parameters.TryGetValue("repeat", out string? repeat));
        Assert.Equal("1", repeat);
        Assert.False(parameters.ContainsKey("units"));
        Assert.Equal("", parameters.GetValueOrDefault("units", ""));
        Assert.Throws<KeyNotFoundException>(() => parameters["units"]);
        Assert.Equal(Names, parameters.Keys);
        Assert.Equal(["optimizer.learning_rate=0.5", "repeat=1", "seed=1048"], parameters.Select(p => $"{p.Key}={p.Value}"));
        Assert.Throws<ArgumentException>(() => new TrialParameters(Names, ["0.5"]));
    }

    [Fact]
    public void Equal_names_and_values_make_equal_parameters_and_so_equal_records()
    {
        var a = new TrialParameters(Names, ["0.5", "1", "1048"]);
        var b = new TrialParameters(["optimizer.learning_rate", "repeat", "seed"], ["0.5", "1", "1048"]);

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new TrialParameters(Names, ["0.5", "1", "1049"]));
        Assert.NotEqual(a, new TrialParameters(["optimizer.learning_rate", "repeat", "sed"], ["0.5", "1", "1048"]));
        var record = new TrialRecord(0, "id", "000-x", a, TrialStatus.Pending, null, "trials/000-x");
        Assert.Equal(record, record with { Parameters = b });
    }

    [Fact]
    public void A_manifest_writes_them_as_a_dictionary_would_and_reads_them_back_with_one_shared_list_of_names()
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "trials.json");
        var records = Enumerable.Range(0, 3).Select(i => new TrialRecord(i, $"id{i}", $"00{i}-x", new TrialParameters(Names,
            [$"0.{i}", "0", $"4{i}"]), TrialStatus.Pending, null, $"trials/00{i}-x")).ToList();
        var manifest = Manifest(records);

        ManifestFile.Write(path, manifest);

        // Byte for byte what the same records with ordinary dictionaries give: trials.json's format is unchanged.
        string asDictionaries = JsonSerializer.Serialize(Manifest(records.Select(r =>
            r with { Parameters = r.Parameters.ToDictionary() }).ToList()), RunJson.Options) + "\n";
        Assert.Equal(asDictionaries, File.ReadAllText(path));
        Assert.Contains("\"optimizer.learning_rate\": \"0.2\"", asDictionaries);
        var read = ManifestFile.Read(path).Trials;
        Assert.Equal(["0.2", "0", "42"], read[2].Parameters.Values);
        var keys = read.Select(r => Assert.IsType<TrialParameters>(r.Parameters).Keys).ToList();
        Assert.All(keys, k => Assert.Same(keys[0], k));
    }

    [Theory]
    [InlineData("{\"a\": \"1\", \"a\": \"2\"}", "parameter 'a' appears twice")]
    [InlineData("{\"a\": 1}", "parameter 'a' must be a string")]
    [InlineData("[\"a\"]", "parameters must be an object")]
    public void A_manifest_with_broken_parameters_is_refused_with_what_is_wrong(string parameters, string message)
    {
        using var temp = new TempDirectory();
        string path = Path.Combine(temp.Path, "trials.json");
        ManifestFile.Write(path, Manifest([new TrialRecord(0, "id", "000-x", new TrialParameters(["a"], ["1"]), TrialStatus.Pending, null, "trials/000-x")]));
        File.WriteAllText(path, File.ReadAllText(path).Replace("{\n        \"a\": \"1\"\n      }", parameters));

        var e = Assert.Throws<SweepFolderException>(() => ManifestFile.Read(path));
        Assert.Contains(message, e.Message);
    }

    private static SweepManifest Manifest(IReadOnlyList<TrialRecord> trials) => new(SweepManifest.CurrentFormat, "x", "x.yaml", "hash",
        NnLab.Experiments.Sweeps.SweepMode.Grid, 1, NnLab.Experiments.Sweeps.SweepErrorPolicy.Continue,
        NnLab.Experiments.Sweeps.SweepRankBy.FinalCost, Names, [], SweepStatus.Running, new DateTime(2026, 12, 6, 0, 0, 0, DateTimeKind.Utc), trials);
}
