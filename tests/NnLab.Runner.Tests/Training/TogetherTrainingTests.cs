using NnLab.Runner.Training;
using NnLab.Training;
using static NnLab.Runner.Tests.Training.YamlExperiments;

namespace NnLab.Runner.Tests.Training;

/// <summary>Which experiments may share a training pass, and that sessions trained together equal sessions trained alone.</summary>
public class TogetherTrainingTests
{
    [Fact]
    public void Experiments_of_one_shape_share_a_key_and_others_do_not()
    {
        var xor = Ok(Xor);
        Assert.True(xor.MayTrainTogether);
        Assert.Equal(xor.TogetherKey, Ok(Xor, "optimizer.learning_rate=5", "seed=3").TogetherKey);
        foreach (string change in new[] { "model[0].units=4", "training.epochs=301", "training.log_every=5", "training.batch_size=2", "cost=binary_cross_entropy", "training.precision=float32", "training.kernels=fast" })
            Assert.NotEqual(xor.TogetherKey, Ok(Xor, change).TogetherKey);
        foreach (string change in new[] { "cost=sum_of_squares", "model[1]=leaky_relu", "training.early_stopping={monitor: cost, patience: 5}" })
        {
            Assert.False(Ok(Xor, change).MayTrainTogether, change);
            Assert.Null(Ok(Xor, change).TogetherKey);
        }
    }

    private sealed class Recorder : ITrainingObserver
    {
        public List<(int, double)> Rows { get; } = [];
        public void OnCostRecorded(int epoch, double cost) => Rows.Add((epoch, cost));
    }

    [Fact]
    public void Sessions_trained_together_equal_sessions_trained_alone_and_incompatible_ones_train_alone()
    {
        string[][] overrides = [["optimizer.learning_rate=0.5"], ["seed=7"], ["training.epochs=200"], ["optimizer.learning_rate=3", "seed=1"],
            ["model[1]=tanh"], ["optimizer.learning_rate=9"]];
        var experiments = overrides.Select(o => Ok(Xor, o)).ToList();
        var recorders = experiments.Select(_ => new Recorder()).ToList();
        var together = TogetherTraining.Train(experiments.Select(e => e.CreateSession()).ToList(), recorders, CancellationToken.None);
        for (int i = 0; i < experiments.Count; i++)
        {
            var alone = new Recorder();
            var result = experiments[i].CreateSession().Train(alone);
            Assert.Null(together[i].Error);
            Assert.Equal(alone.Rows, recorders[i].Rows);
            Assert.Equal(result.FinalCost, together[i].Result!.FinalCost);
            Assert.Equal(result.Predictions.Data, together[i].Result!.Predictions.Data);
        }
    }
}
