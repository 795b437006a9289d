using NnLab.Reports.Data;

namespace NnLab.Reports.Tests;

/// <summary>costs.csv's curves read back by position, counting cells from the end of each row.</summary>
public sealed class SweepCostsCsvTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("nnlab-reports-tests-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Curves_are_read_whatever_commas_the_quoted_parameters_hold()
    {
        SweepFolderFiles.Write(_dir, "grid", ["model", "seed"],
        [
            new(new Dictionary<string, string> { ["model"] = "\"[{linear: {units: 3}}, sigmoid]\"", ["seed"] = "1" }, "completed", 0.125, 0.5,
                [0, 100, 200], [0.5, 0.25, 0.125]),
            new(new Dictionary<string, string> { ["model"] = "\"a,b,,c\"", ["seed"] = "" }, "completed", 1e-7, 2,
                [0, 7], [2, 1e-7]),
            new(new Dictionary<string, string> { ["model"] = "plain", ["seed"] = "3" }, "diverged", 3, 1,
                [0, 1], [1, double.NaN]),
        ]);

        var curves = SweepFolderData.Read(_dir, curves: false).Curves(_ => true);

        Assert.Equal([0, 100, 200], curves[0].Epochs);
        Assert.Equal([0.5, 0.25, 0.125], curves[0].Costs);
        Assert.Equal([0, 7], curves[1].Epochs);
        Assert.Equal([2, 1e-7], curves[1].Costs);
        Assert.Equal(1, curves[2].Costs[0]);
        Assert.True(double.IsNaN(curves[2].Costs[1]));
    }
}
