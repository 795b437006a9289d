using static NnLab.Experiments.Tests.TestLoader;

namespace NnLab.Experiments.Tests;

/// <summary>Mistakes in the file's structure, names and option values, each with its exact location and message.</summary>
public class ConfigErrorTests
{
    [Fact]
    public void An_unknown_top_level_key_suggests_the_nearest()
    {
        string error = Error("""
            name: t
            optimiser: sgd
            data: {inputs: [[0]], targets: [0]}
            model: [sigmoid]
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:2:1: optimiser: unknown key 'optimiser'; did you mean 'optimizer'? " +
                     "Valid keys: name, seed, data, model, cost, optimizer, training, prediction.", error);
    }

    [Fact]
    public void An_unknown_layer_lists_the_known_ones()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model: [sigmod]
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:3:9: model[0]: unknown layer 'sigmod'; did you mean 'sigmoid'? Known layers: leaky_relu, linear, relu, sigmoid, softmax, tanh.", error);
    }

    [Fact]
    public void An_unknown_long_form_layer_is_reported_at_its_name()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - lineer: {units: 1}
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:4:5: model[0]: unknown layer 'lineer'; did you mean 'linear'? Known layers: leaky_relu, linear, relu, sigmoid, softmax, tanh.", error);
    }

    [Fact]
    public void An_unknown_initializer_lists_the_known_ones()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - linear: {units: 1, init: xaviar}
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:4:30: model[0].init: unknown initializer 'xaviar'; did you mean 'xavier'? " +
                     "Known initializers: constant, glorot_normal, glorot_uniform, he, he_normal, he_uniform, plain, uniform, values, xavier, zeros.", error);
    }

    [Fact]
    public void Unknown_cost_and_optimizer_names_are_reported_where_written()
    {
        string[] errors = Errors("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model: [sigmoid]
            cost: msee
            optimizer: {name: sgdd, learning_rate: 0.5}
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:4:7: cost: unknown cost 'msee'; did you mean 'mse'? Known costs: binary_cross_entropy, binary_cross_entropy_from_logits, half_squared_error, mse, softmax_cross_entropy, sum_of_squares.",
            "exp.yaml:5:19: optimizer.name: unknown optimizer 'sgdd'; did you mean 'sgd'? Known optimizers: adam, gradient_descent, momentum, sgd.",
        ], errors);
    }

    [Fact]
    public void Values_of_the_wrong_type_say_what_was_expected()
    {
        string[] errors = Errors("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - linear: {units: 2.5, bias: maybe}
            optimizer: {name: sgd, learning_rate: fast}
            training: {epochs: "5"}
            prediction: [0.5]
            """);

        Assert.Equal([
            "exp.yaml:4:21: model[0].units: expected an integer, got '2.5'",
            "exp.yaml:4:32: model[0].bias: expected true or false, got 'maybe'",
            "exp.yaml:5:39: optimizer.learning_rate: expected a number, got 'fast'",
            "exp.yaml:6:20: training.epochs: expected an integer, got the quoted string \"5\"",
            "exp.yaml:7:13: prediction: expected a mapping of prediction settings, got a list",
        ], errors);
    }

    [Fact]
    public void Missing_name_model_and_training_are_reported_at_the_top_of_the_file()
    {
        string[] errors = Errors("""
            # no name, no model, no training
            data: {inputs: [[0]], targets: [0]}
            """);

        Assert.Equal([
            "exp.yaml:2:1: name: missing required key 'name' (it names the run folder)",
            "exp.yaml:2:1: model: missing required key 'model' (the list of layers)",
            "exp.yaml:2:1: training: missing required key 'training' (it needs at least 'epochs')",
        ], errors);
    }

    [Fact]
    public void Missing_epochs_and_units_are_reported_at_their_mapping()
    {
        string[] errors = Errors("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - linear: {bias: false}
              - linear
            training: {log_every: 5}
            """);

        Assert.Equal([
            "exp.yaml:4:13: model[0].units: missing required option 'units'",
            "exp.yaml:5:5: model[1].units: missing required option 'units'",
            "exp.yaml:6:11: training.epochs: missing required key 'epochs'",
        ], errors);
    }

    [Fact]
    public void Zero_epochs_and_zero_units_are_out_of_range()
    {
        string[] errors = Errors("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - linear: {units: 0}
            optimizer: {name: sgd, learning_rate: 0}
            training: {epochs: 0, log_every: 0}
            """);

        Assert.Equal([
            "exp.yaml:4:21: model[0].units: must be at least 1, got 0",
            "exp.yaml:5:39: optimizer.learning_rate: must be greater than 0, got 0",
            "exp.yaml:6:20: training.epochs: must be at least 1, got 0",
            "exp.yaml:6:34: training.log_every: must be at least 1, got 0",
        ], errors);
    }

    [Fact]
    public void An_unknown_option_lists_the_valid_ones()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - linear: {unit: 1, units: 1}
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:4:14: model[0].unit: unknown option 'unit' in layer 'linear'; did you mean 'units'? " +
                     "Valid options: units, init, bias, bias_init.", error);
    }

    [Fact]
    public void A_component_without_options_rejects_any()
    {
        string[] errors = Errors("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - sigmoid: {slope: 2}
            cost: {name: mse, scale: 2}
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:4:15: model[0].slope: layer 'sigmoid' takes no options, got 'slope'",
            "exp.yaml:5:19: cost.scale: cost 'half_squared_error' takes no options, got 'scale'",
        ], errors);
    }

    [Fact]
    public void Initializer_options_are_checked_like_any_component_options()
    {
        string[] errors = Errors("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - linear: {units: 1, init: constant, bias_init: {name: constant, valeu: 1}}
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:4:30: model[0].init.value: missing required option 'value'",
            "exp.yaml:4:51: model[0].bias_init.value: missing required option 'value'",
            "exp.yaml:4:68: model[0].bias_init.valeu: unknown option 'valeu' in initializer 'constant'; did you mean 'value'? Valid options: value.",
        ], errors);
    }

    [Fact]
    public void Options_indented_beside_the_layer_name_are_explained()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model:
              - linear:
                units: 1
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:4:5: model[0]: a layer is written '- name' or '- name: {options}', but this mapping has 2 keys " +
                     "(linear, units); put the options inside 'linear': {...}", error);
    }

    [Fact]
    public void Name_and_seed_are_checked()
    {
        string[] errors = Errors("""
            name: my run
            seed: 4294967296
            data: {inputs: [[0]], targets: [0]}
            model: [sigmoid]
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:1:7: name: must be 1 to 100 letters, digits, '-', '_' or '.', starting with a letter or digit (it names the run folder), got 'my run'",
            "exp.yaml:2:7: seed: expected an integer between 0 and 4294967295, got '4294967296'",
        ], errors);
    }

    [Fact]
    public void An_empty_model_and_a_model_that_is_not_a_list_are_reported()
    {
        Assert.Equal("exp.yaml:3:8: model: must list at least one layer", Error("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model: []
            training: {epochs: 1}
            """));
        Assert.Equal("exp.yaml:3:8: model: expected a list of layers, got 'sigmoid'", Error("""
            name: t
            data: {inputs: [[0]], targets: [0]}
            model: sigmoid
            training: {epochs: 1}
            """));
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_in_line_order()
    {
        string[] errors = Errors("""
            name: t
            seed: -1
            data:
              inputs: [[0, 0], [0, x]]
              targets: [0, 1]
            model:
              - linear: {units: 0, init: xavier}
              - maxout
            optimizer: {learning_rate: 1}
            training: {epochs: 10, log_evry: 5}
            colour: blue
            """);

        Assert.Equal([
            "exp.yaml:2:7: seed: expected an integer between 0 and 4294967295, got '-1'",
            "exp.yaml:4:24: data.inputs[1][1]: expected a number, got 'x'",
            "exp.yaml:7:21: model[0].units: must be at least 1, got 0",
            // Core's DescribeUnknown words a name with no near match this way.
            "exp.yaml:8:5: model[1]: unknown layer 'maxout'. Known layers: leaky_relu, linear, relu, sigmoid, softmax, tanh.",
            "exp.yaml:9:12: optimizer.name: missing required key 'name' (the optimizer to use)",
            "exp.yaml:10:24: training.log_evry: unknown key 'log_evry' in training; did you mean 'log_every'? Valid keys: epochs, log_every, divergence_factor, batch_size, shuffle, kernels, precision, checkpoint_every.",
            "exp.yaml:11:1: colour: unknown key 'colour'. Valid keys: name, seed, data, model, cost, optimizer, training, prediction.",
        ], errors);
    }

    [Fact]
    public void A_yaml_syntax_error_is_reported_at_its_position()
    {
        string error = Error("""
            name: t
            model: [sigmoid
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:2:8: YAML syntax error: cannot parse what follows here (an unclosed '[', '{' or quote?)", error);
    }

    [Fact]
    public void A_duplicate_key_is_a_yaml_error()
    {
        string error = Error("""
            name: t
            name: u
            """);

        Assert.Equal("exp.yaml:2:1: YAML syntax error: Duplicate key name", error);
    }

    [Fact]
    public void An_empty_file_and_a_top_level_that_is_not_a_mapping_are_reported()
    {
        Assert.Equal("exp.yaml:1:1: the file is empty; an experiment needs at least name, data, model and training", Error("# nothing\n"));
        Assert.Equal("exp.yaml:1:1: the top level must be a mapping of keys (name, data, model, training, ...), got a list", Error("- a\n- b\n"));
    }
}
