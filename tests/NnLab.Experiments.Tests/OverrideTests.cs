using NnLab.Layers;
using NnLab.Optimizers;
using static NnLab.Experiments.Tests.TestLoader;

namespace NnLab.Experiments.Tests;

public class OverrideTests
{
    private const string Xor = """
        name: xor
        data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
        model:
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1}
          - sigmoid
        optimizer: sgd
        training: {epochs: 100}
        """;

    private static double LearningRate(Experiment e) => Assert.IsType<GradientDescentOptions>(e.Optimizer.Options).LearningRate;

    private static LinearOptions Linear(Experiment e, int layer) => Assert.IsType<LinearOptions>(e.Model[layer].Options);

    [Fact]
    public void Scalars_and_nested_keys_are_set_and_recorded()
    {
        var experiment = Ok(Xor, "seed=7", "training.epochs=10", "model[0].units=5", "model[2].bias=false");

        Assert.Equal(7u, experiment.Seed);
        Assert.Equal(10, experiment.Training.Epochs);
        Assert.Equal(5, Linear(experiment, 0).Units);
        Assert.Equal("xavier", Linear(experiment, 0).Init.Name);
        Assert.False(Linear(experiment, 2).Bias);
        Assert.Equal([new("seed", "7"), new("training.epochs", "10"), new("model[0].units", "5"), new("model[2].bias", "false")],
            experiment.Overrides);
        Assert.Equal(Xor, experiment.SourceText);
    }

    [Fact]
    public void A_key_under_a_component_written_as_a_name_turns_it_into_a_mapping()
    {
        var experiment = Ok(Xor, "optimizer.learning_rate=0.5");

        Assert.Equal("gradient_descent", experiment.Optimizer.Name);
        Assert.Equal(0.5, LearningRate(experiment));
    }

    [Fact]
    public void Missing_keys_and_sections_are_created()
    {
        var experiment = Ok(Xor, "training.log_every=10", "prediction.threshold=0.7");

        Assert.Equal(new(100, 10, BatchSize: 0, Shuffle: true, ShuffleSeed: 1), experiment.Training);
        Assert.Equal(0.7, experiment.PredictionThreshold);
    }

    [Fact]
    public void Whole_entries_are_replaced_by_yaml_values()
    {
        var experiment = Ok(Xor, "cost=sum_of_squares", "optimizer={name: sgd, learning_rate: 2}",
            "model[2]={linear: {units: 1, init: [[1, 2, 3]]}}", "data.targets=[[1], [0], [0], [1]]");

        Assert.Equal("sum_of_squares", experiment.Cost.Name);
        Assert.Equal(2.0, LearningRate(experiment));
        Assert.Equal("values", Linear(experiment, 2).Init.Name);
        Assert.Equal([1, 0, 0, 1], experiment.Data.Targets.Data);
    }

    [Fact]
    public void Overrides_apply_in_order_so_a_later_one_refines_an_earlier_one()
    {
        var experiment = Ok(Xor, "optimizer=gradient_descent", "optimizer.learning_rate=0.25",
            "model[0].init=constant", "model[0].init.value=0.5");

        Assert.Equal(0.25, LearningRate(experiment));
        Assert.Equal([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], Initial(BuiltNetwork(experiment), 0, "W")!.Data);
    }

    [Fact]
    public void A_key_under_a_short_form_layer_turns_it_into_the_long_form()
    {
        var result = Load("""
            name: t
            data: {inputs: [[1]], targets: [1]}
            model:
              - scale
            training: {epochs: 1}
            """, TestComponents.Registry, "", "model[0].factor=3");

        Assert.Equal(3.0, Assert.IsType<ScaleOptions>(Unwrap(result).Model[0].Options).Factor);
    }

    [Fact]
    public void A_layer_that_takes_no_options_rejects_one_set_on_it()
    {
        Assert.Equal("--set:1:10: model[1].units: layer 'sigmoid' takes no options, got 'units'", Error(Xor, "model[1].units=3"));
    }

    [Fact]
    public void Bad_values_are_reported_at_their_column_in_the_argument()
    {
        string[] errors = Errors(Xor, "training.epochs=0", "model[2].init=[[1, x, 3]]", "training.epoch=5", "cost=msee");

        Assert.Equal([
            "--set:1:17: training.epochs: must be at least 1, got 0",
            "--set:1:20: model[2].init[0][1]: expected a number, got 'x'",
            "--set:1:10: training.epoch: unknown key 'epoch' in training; did you mean 'epochs'? Valid keys: epochs, log_every, divergence_factor, batch_size, shuffle, kernels, precision, checkpoint_every.",
            "--set:1:6: cost: unknown cost 'msee'; did you mean 'mse'? Known costs: binary_cross_entropy, binary_cross_entropy_from_logits, half_squared_error, mse, softmax_cross_entropy, sum_of_squares.",
        ], errors);
    }

    [Fact]
    public void Bad_paths_are_reported_with_the_column_of_the_offending_step()
    {
        string[] errors = Errors(Xor,
            "model[4].units=5", "name.first=a", "training[0]=1", "model[0]units", "optimizer..x=1", "model[a]=1",
            "training.epochs=[1", "=3", "name=a: b: c");

        Assert.Equal([
            "--set:1:6: model[4].units: index 4 is out of range: 'model' has 4 items",
            "--set:1:6: name.first: cannot set 'first' inside 'name': it is 'xor', not a mapping",
            "--set:1:9: training[0]: 'training' is a mapping, not a list, so [0] cannot select in it",
            "--set:1:1: model[0]units: expected path=value, e.g. optimizer.learning_rate=0.5",
            "--set:1:11: optimizer..x: expected a key name",
            "--set:1:6: model[a]: expected [index] with a number from 0, e.g. model[0]",
            "--set:1:17: training.epochs: YAML syntax error: While parsing a flow sequence, did not find expected ',' or ']'.",
            "--set:1:1: expected a key name",
            "--set:1:10: name: YAML syntax error: While scanning a plain scalar value, found invalid mapping.",
        ], errors);
    }

    [Fact]
    public void A_file_error_is_still_reported_beside_an_override_error()
    {
        string[] errors = Errors(Xor.Replace("epochs: 100", "epochs: 0"), "model[9]=sigmoid");

        Assert.Equal([
            "exp.yaml:9:20: training.epochs: must be at least 1, got 0",
            "--set:1:6: model[9]: index 9 is out of range: 'model' has 4 items",
        ], errors);
    }
}
