using static NnLab.Experiments.Tests.TestLoader;

namespace NnLab.Experiments.Tests;

/// <summary>Bad inline data, shape mismatches and layers that cannot build.</summary>
public class DataErrorTests
{
    [Fact]
    public void Ragged_rows_and_non_numeric_cells_are_each_reported()
    {
        string[] errors = Errors("""
            name: t
            data:
              inputs: [[0, 0], [0, 1, 1], [one, 0], [1, [2]]]
              targets: [[0], 1, [1], [0]]
            model: [sigmoid]
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:3:20: data.inputs[1]: has 3 values but row 0 has 2; every row needs the same number",
            "exp.yaml:3:32: data.inputs[2][0]: expected a number, got 'one'",
            "exp.yaml:3:45: data.inputs[3][1]: expected a number, got a list; write either a flat list or a list of rows, not both",
            "exp.yaml:4:18: data.targets[1]: expected a row (a list of numbers), got '1'",
        ], errors);
    }

    [Fact]
    public void NaN_and_infinity_are_rejected_in_every_spelling()
    {
        string[] errors = Errors("""
            name: t
            data:
              inputs: [[.nan, .inf], [-.Inf, 1e999], [.NaN, 1]]
              targets: [0, 1, 1]
            model: [{linear: {units: 1}}]
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:3:13: data.inputs[0][0]: must be a finite number, got '.nan'",
            "exp.yaml:3:19: data.inputs[0][1]: must be a finite number, got '.inf'",
            "exp.yaml:3:27: data.inputs[1][0]: must be a finite number, got '-.Inf'",
            "exp.yaml:3:34: data.inputs[1][1]: must be a finite number, got '1e999'",
            "exp.yaml:3:43: data.inputs[2][0]: must be a finite number, got '.NaN'",
        ], errors);
    }

    [Fact]
    public void Inputs_and_targets_must_have_the_same_number_of_examples()
    {
        string error = Error("""
            name: t
            data:
              inputs: [[0], [1], [2]]
              targets: [0, 1]
            model: [sigmoid]
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:4:12: data.targets: has 2 examples but data.inputs has 3; every example needs a target row", error);
    }

    [Fact]
    public void Empty_and_missing_data_are_reported()
    {
        string[] errors = Errors("""
            name: t
            data:
              inputs: []
              input_names: [a]
            model: [sigmoid]
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:3:3: data.targets: missing required key 'targets' (one row per example)",
            "exp.yaml:3:11: data.inputs: must not be empty",
        ], errors);
    }

    [Fact]
    public void Names_must_match_the_columns_and_be_unique()
    {
        string[] errors = Errors("""
            name: t
            data:
              inputs: [[0, 1]]
              targets: [[1, 0]]
              input_names: [a, b, c]
              target_names: [p, p]
            model: [{linear: {units: 2}}]
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:5:16: data.input_names: has 3 names but the inputs have 2 feature columns",
            "exp.yaml:6:21: data.target_names[1]: 'p' is listed twice",
        ], errors);
    }

    [Fact]
    public void Inline_data_and_a_csv_file_cannot_be_mixed()
    {
        string[] errors = Errors("""
            name: t
            data:
              file: d.csv
              inputs: [[0]]
              input_columns: [a]
              target_columns: [b]
            model: [sigmoid]
            training: {epochs: 1}
            """);

        Assert.Equal([
            "exp.yaml:3:9: data.file: file not found: d.csv (paths are relative to the experiment file's folder)",
            "exp.yaml:4:3: data.inputs: 'inputs' cannot be combined with 'file': give the data from one source (inline rows, a CSV file, a dataset or a generator)",
        ], errors);
    }

    [Fact]
    public void The_last_layer_must_output_one_value_per_target_column()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0, 0], [1, 1]], targets: [0, 1]}
            model:
              - linear: {units: 3}
              - sigmoid
            training: {epochs: 1}
            """);

        // Reported at the layer that set the size, not at the activation after it.
        Assert.Equal("exp.yaml:4:5: model[0]: model outputs 3 values per example but data has 1 target column", error);
    }

    [Fact]
    public void A_model_without_sizing_layers_is_reported_at_its_last_layer()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0, 0], [1, 1]], targets: [0, 1]}
            model: [sigmoid, sigmoid]
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:3:18: model[1]: model outputs 2 values per example but data has 1 target column", error);
    }

    [Fact]
    public void Explicit_init_values_of_the_wrong_shape_are_reported_at_their_layer()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0, 0], [1, 1]], targets: [0, 1]}
            model:
              - linear: {units: 2, init: [[0.1, 0.2], [0.3, 0.4]]}
              - linear: {units: 1, init: [[0.5, 0.6, 0.7]]}
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:5:5: model[1]: cannot build layer 'linear' with 2 inputs: " +
                     "explicit values are 1×3 but this weight is 1×2 (n_out × n_in)", error);
    }

    [Fact]
    public void Ragged_explicit_values_are_reported_before_building()
    {
        string error = Error("""
            name: t
            data: {inputs: [[0, 0], [1, 1]], targets: [0, 1]}
            model:
              - linear: {units: 2, init: [[0.1, 0.2], [0.3]]}
            training: {epochs: 1}
            """);

        Assert.Equal("exp.yaml:4:43: model[0].init[1]: has 1 value but row 0 has 2; every row needs the same number", error);
    }
}
