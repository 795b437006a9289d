using NnLab.Runner.Output;

namespace NnLab.Runner.Tests;

public sealed class ClassPredictionsTests
{
    [Fact]
    public void One_output_predicts_1_at_or_above_the_threshold()
    {
        var outputs = Matrix.FromRows([0.2, 0.5, 0.7, 0.49999]);

        Assert.Equal([0, 1, 1, 0], ClassPredictions.Predict(outputs, 0.5));
    }

    [Fact]
    public void Several_outputs_predict_the_index_of_the_largest()
    {
        var outputs = Matrix.FromRows([0.1, 0.8, 0.3], [0.7, 0.1, 0.3], [0.2, 0.1, 0.4]);

        Assert.Equal([1, 0, 2], ClassPredictions.Predict(outputs, 0.5));
    }

    [Fact]
    public void Accuracy_is_the_fraction_of_examples_predicted_right()
    {
        Assert.Equal(0.75, ClassPredictions.Accuracy([0, 1, 1, 1], Matrix.FromRows([0, 1, 1, 0])));
    }

    [Fact]
    public void Accuracy_with_one_hot_targets_compares_classes()
    {
        var targets = Matrix.FromRows([1, 0], [0, 0], [0, 1]);

        Assert.Equal(0.5, ClassPredictions.Accuracy([0, 0], targets));
    }

    [Fact]
    public void Accuracy_is_undefined_when_the_targets_are_not_labels()
    {
        Assert.Null(ClassPredictions.Accuracy([0, 1], Matrix.FromRows([0.3, 1.7])));
    }
}
