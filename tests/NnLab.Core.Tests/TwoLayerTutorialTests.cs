using NnLab.Costs;
using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

/// <summary>
/// "A 2-layer network from scratch": no biases, rand(n_in, 4) and rand(4, 1) weights, sum-of-squares loss, lr 1,
/// 1500 iterations. The tutorial never seeds numpy; with np.random.seed(1) its code (tests/reference/two_layer_tutorial.py)
/// prints the values asserted here.
/// </summary>
public class TwoLayerTutorialTests
{
    private static readonly Matrix<double> Inputs = Matrix.FromRows([0, 0, 1, 1], [0, 1, 0, 1], [1, 1, 1, 1]);

    private static (TrainingResult Result, CostRecorder Costs) Train()
    {
        var network = Build(3, 1, Linear(4, "uniform", bias: false), Sigmoid, Linear(1, "uniform", bias: false), Sigmoid);
        var recorder = new CostRecorder();
        var result = new Trainer<double>(network, new SumOfSquaresCost<double>(), GradientDescent(1))
            .Train(Inputs, XorTargets, new TrainingSettings(1500, 1), recorder);
        return (result, recorder);
    }

    [Fact]
    public void Seeded_run_matches_the_tutorials_numpy_code()
    {
        var (result, costs) = Train();
        // Same operations, grouped slightly differently ((−2(y−ŷ))·ŷ·(1−ŷ) vs 2(y−ŷ)·(ŷ(1−ŷ))): equal to ~1e-12.
        Assert.Equal(1.3118382149442458, costs.Rows[0].Cost, 1e-12);
        Assert.Equal(1.0688706580600407, costs.Rows[1].Cost, 1e-12);
        Assert.Equal(0.003358845278525137, costs.Rows[1499].Cost, 1e-12);
        TutorialNumbersTests.AssertClose(
            [0.009653536891312238, 0.9689474876711288, 0.9688615817138353, 0.03645155766022024], result.Predictions.Data, 1e-10);
        Assert.Equal(0.003355766445667141, result.FinalCost, 1e-12);
    }

    [Fact]
    public void Unseeded_printed_outputs_are_matched_in_kind()
    {
        // The tutorial printed [0.00948343, 0.96761024, 0.96699946, 0.03871551] from an unseeded draw.
        var (result, _) = Train();
        TutorialNumbersTests.AssertClose([0.00948343, 0.96761024, 0.96699946, 0.03871551], result.Predictions.Data, 3e-3);
    }
}
