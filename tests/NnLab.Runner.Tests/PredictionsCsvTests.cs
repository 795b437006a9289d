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

        PredictionsCsv.Write(path, data, [("train", new DataSplit(data.Inputs, data.Targets), outputs)], 0.5, Precision.Float64);

        Assert.Equal(
            ["x,a,\"b,c\",output1,output2,prediction", "1.5,1,0,0.9,0.1,0", "-2,0,1,0.2,0.8,1"],
            File.ReadAllLines(path));
    }

    [Fact]
    public void Held_out_splits_follow_the_training_rows_and_string_labels_are_written_as_labels()
    {
        var data = new ExperimentData(Matrix.FromRows([1.0, 2]), Matrix.FromRows([0, 1]), ["x"], ["species"])
        {
            ClassLabels = ["setosa", "virginica"],
        };
        var test = new DataSplit(Matrix.FromRows([3.0]), Matrix.FromRows([1.0]));
        string path = _dir.Combine("p.csv");

        PredictionsCsv.Write(path, data,
            [("train", new DataSplit(data.Inputs, data.Targets), Matrix.FromRows([0.2, 0.4])), ("test", test, Matrix.FromRows([0.7]))],
            0.5, Precision.Float64);

        Assert.Equal(
            ["x,species,output,prediction,split", "1,setosa,0.2,setosa,train", "2,virginica,0.4,setosa,train", "3,virginica,0.7,virginica,test"],
            File.ReadAllLines(path));
    }
}
