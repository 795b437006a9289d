using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

public class DivergenceCheckTests
{
    [Fact]
    public void A_cost_above_factor_times_the_first_cost_diverges_and_one_at_the_bound_does_not()
    {
        var check = new DivergenceCheck(10);

        Assert.Null(check.Check(2));
        Assert.Null(check.Check(20));
        Assert.Equal("cost 20.5 exceeded 10 × the first epoch's cost 2", check.Check(20.5));
    }

    [Theory]
    [InlineData(double.NaN, "cost became NaN")]
    [InlineData(double.PositiveInfinity, "cost became Infinity")]
    public void A_non_finite_cost_diverges_even_with_the_bound_off(double cost, string reason)
    {
        var check = new DivergenceCheck(0);

        Assert.Null(check.Check(1));
        Assert.Null(check.Check(1e300));
        Assert.Equal(reason, check.Check(cost));
    }

    [Fact]
    public void A_first_cost_of_zero_sets_no_bound()
    {
        var check = new DivergenceCheck(1e4);

        Assert.Null(check.Check(0));
        Assert.Null(check.Check(1e-3));
    }

    [Fact]
    public void The_trainer_stops_a_geometrically_growing_cost_within_a_few_epochs()
    {
        // lr 10 on XOR's single linear unit: each update multiplies the error by about |1 − 10·λ| ≫ 1.
        var network = Build(2, 48, Linear(1, "xavier"));
        var recorder = new CostRecorder();

        var result = new Trainer<double>(network, HalfSquaredError, GradientDescent(10))
            .Train(XorInputs, XorTargets, new TrainingSettings(1000, 100), recorder);

        Assert.Equal(TrainingStatus.Diverged, result.Status);
        Assert.InRange(result.EpochsCompleted, 1, 10);
        Assert.StartsWith("cost ", result.Reason);
        Assert.EndsWith($"at epoch {result.EpochsCompleted}", result.Reason);
        Assert.Equal(result.EpochsCompleted, recorder.Rows[^1].Epoch);
    }

    [Fact]
    public void A_converging_run_is_untouched_by_the_bound()
    {
        var network = Build(2, 48, Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid);

        var result = new Trainer<double>(network, HalfSquaredError, GradientDescent(1))
            .Train(XorInputs, XorTargets, new TrainingSettings(500, 100) { DivergenceFactor = 1.0001 }, new CostRecorder());

        Assert.Equal(TrainingStatus.Completed, result.Status);
    }
}
