using NnLab.Experiments.Sweeps;
using static NnLab.Experiments.Tests.Sweeps.SweepTestFiles;

namespace NnLab.Experiments.Tests.Sweeps;

/// <summary>sweep.rank_by and its default, and --set overrides that an axis would overwrite.</summary>
public class SweepRankingSettingsTests
{
    private const string XorData = "data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}";

    /// <summary>The XOR file with eight rows, half of them a validation split.</summary>
    private static string WithValidation(string block) => With(block).Replace(XorData,
        "data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1], [0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0, 0, 1, 1, 0], "
        + "split: {train: 0.5, validation: 0.5}}");

    private const string Axis = "  axes:\n    optimizer.learning_rate: [0.5, 1]\n";

    [Fact]
    public void The_default_is_validation_cost_with_a_validation_split_and_final_cost_without()
    {
        Assert.Contains(XorData, Xor);
        Assert.Equal(SweepRankBy.FinalCost, Ok(With("sweep:\n" + Axis)).Settings.RankBy);
        Assert.Equal(SweepRankBy.ValidationCost, Ok(WithValidation("sweep:\n" + Axis)).Settings.RankBy);
    }

    [Fact]
    public void Rank_by_names_any_metric_the_sweep_has()
    {
        Assert.Equal(SweepRankBy.Accuracy, Ok(With("sweep:\n  rank_by: accuracy\n" + Axis)).Settings.RankBy);
        Assert.Equal(SweepRankBy.FinalCost, Ok(WithValidation("sweep:\n  rank_by: final_cost\n" + Axis)).Settings.RankBy);
        Assert.Equal(SweepRankBy.BestValidationCost, Ok(WithValidation("sweep:\n  rank_by: best_validation_cost\n" + Axis)).Settings.RankBy);
        Assert.Equal(SweepRankBy.ValidationAccuracy, Ok(WithValidation("sweep:\n  rank_by: validation_accuracy\n" + Axis)).Settings.RankBy);
    }

    [Fact]
    public void A_validation_metric_without_a_validation_split_is_an_error_at_the_key()
    {
        Assert.Equal(
            "exp.yaml:12:12: sweep.rank_by: 'validation_cost' needs a validation split and the experiment has none; "
            + "add one (data.split with a validation fraction, or data.validation) or rank by final_cost or accuracy",
            Assert.Single(Errors(With("sweep:\n  rank_by: validation_cost\n" + Axis))));
        Assert.StartsWith("exp.yaml:12:12: sweep.rank_by: 'validation_accuracy' needs a validation split",
            Assert.Single(Errors(With("sweep:\n  rank_by: validation_accuracy\n" + Axis))));
    }

    [Fact]
    public void A_validation_metric_is_an_error_when_an_axis_takes_the_split_away_from_a_trial()
    {
        string file = WithValidation("sweep:\n  rank_by: validation_cost\n  axes:\n    data.split.validation: [0.5, 0]\n    data.split.train: [0.5, 1]\n  mode: zip\n");
        Assert.Equal(
            "exp.yaml:12:12: sweep.rank_by: 'validation_cost' needs a validation split and trial 1 (001-validation=0,train=1) has none; "
            + "add one (data.split with a validation fraction, or data.validation) or rank by final_cost or accuracy",
            Assert.Single(Errors(file)));
    }

    [Fact]
    public void An_unknown_rank_by_is_an_error_with_the_nearest_name()
    {
        Assert.Equal(
            "exp.yaml:12:12: sweep.rank_by: expected one of final_cost, validation_cost, best_validation_cost, accuracy, validation_accuracy, "
            + "got 'validation_cots'; did you mean 'validation_cost'?",
            Assert.Single(Errors(WithValidation("sweep:\n  rank_by: validation_cots\n" + Axis))));
    }

    [Fact]
    public void A_set_on_a_key_that_is_also_an_axis_is_an_error_at_the_set_naming_the_axis()
    {
        Assert.Equal(
            ["--set:1:1: optimizer.learning_rate: is also a sweep axis (exp.yaml:13:5); change the axis's values or drop the --set"],
            Errors(With("sweep:\n" + Axis), "training.epochs=3", "optimizer.learning_rate=0.1"));
        Assert.Equal(
            ["--set:1:1: model[0].units: is also a sweep axis (exp.yaml:14:5); change the axis's values or drop the --set"],
            Errors(With("sweep:\n  axes:\n    seed: [1, 2]\n    model[0].units: [2, 4]\n"), "model[0].units=5"));
    }

    [Fact]
    public void A_set_inside_a_key_an_axis_replaces_whole_is_an_error_too()
    {
        Assert.Equal(
            ["--set:1:1: optimizer.learning_rate: is inside 'optimizer', a sweep axis (exp.yaml:13:5) that replaces it whole in every trial; "
             + "change the axis's values or drop the --set"],
            Errors(With("sweep:\n  axes:\n    optimizer: [{name: adam}, {name: momentum}]\n"), "optimizer.learning_rate=0.1"));
    }

    [Fact]
    public void A_set_beside_or_above_an_axis_still_applies()
    {
        var sweep = Ok(With("sweep:\n" + Axis), "optimizer={name: momentum, learning_rate: 3}", "training.epochs=3");
        Assert.All(sweep.Trials, t => Assert.Equal(3, t.Experiment.Training.Epochs));
        Assert.Equal(["0.5", "1"], Values(sweep, "optimizer.learning_rate"));
        Assert.All(sweep.Trials, t => Assert.Equal("momentum", t.Experiment.Optimizer.Name));
    }
}
