using NnLab.Numerics;
using NnLab.Experiments;
using NnLab.Runner.Output;

namespace NnLab.Runner.Tests;

public sealed class PredictionsCsvTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Several_outputs_get_numbered_columns_and_one_class_column()
    {
        var data = new ExperimentData(Matrix.FromRows([1.5, -2]), Matrix.FromRows([1, 0], [0, 1]), ["x"], ["a", "b,c"]);
        var outputs = Matrix.FromRows([0.9, 0.2], [0.1, 0.8]);
        string path = _dir.Combine("p.csv");

        PredictionsCsv.Write(path, data, outputs, NnLab.Metrics.Classification.Predict(outputs, 0.5), Precision.Float64);

        Assert.Equal(
            ["x,a,\"b,c\",output1,output2,prediction", "1.5,1,0,0.9,0.1,0", "-2,0,1,0.2,0.8,1"],
            File.ReadAllLines(path));
    }
}
