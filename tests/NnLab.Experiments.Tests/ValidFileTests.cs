using NnLab.Initializers;
using NnLab.Layers;
using NnLab.Optimizers;
using static NnLab.Experiments.Tests.TestLoader;

namespace NnLab.Experiments.Tests;

public class ValidFileTests
{
    private const string Xor = """
        name: xor
        seed: 48
        data:
          inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]
          targets: [[0], [1], [1], [0]]
          input_names: [a, b]
        model:
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1, init: [[0.1, 0.4, 0.9]], bias: false}
          - sigmoid
        cost: half_squared_error
        optimizer: {name: gradient_descent, learning_rate: 1}
        training: {epochs: 5000, log_every: 100}
        prediction: {threshold: 0.6}
        """;

    [Fact]
    public void Data_is_stored_with_examples_as_columns()
    {
        var data = Ok(Xor).Data;

        Assert.Equal(2, data.Inputs.Rows);
        Assert.Equal(4, data.Inputs.Cols);
        Assert.Equal([0, 0, 1, 1, 0, 1, 0, 1], data.Inputs.Data);
        Assert.Equal(1, data.Targets.Rows);
        Assert.Equal([0, 1, 1, 0], data.Targets.Data);
        Assert.Equal(["a", "b"], data.InputNames);
        Assert.Equal(["y"], data.TargetNames);
    }

    [Fact]
    public void Every_section_is_bound()
    {
        var experiment = Ok(Xor);

        Assert.Equal("xor", experiment.Name);
        Assert.Equal(48u, experiment.Seed);
        Assert.Equal(TestLoader.File, experiment.SourceFile);
        Assert.Equal(Xor, experiment.SourceText);
        Assert.Equal(["linear", "sigmoid", "linear", "sigmoid"], experiment.Model.Select(s => s.Name));
        var first = Assert.IsType<LinearOptions>(experiment.Model[0].Options);
        Assert.Equal((3, "xavier", true, "zeros"), (first.Units, first.Init.Name, first.Bias, first.BiasInit.Name));
        Assert.Null(experiment.Model[1].Options);
        var last = Assert.IsType<LinearOptions>(experiment.Model[2].Options);
        Assert.Equal("values", last.Init.Name);
        Assert.Equal([[0.1, 0.4, 0.9]], Assert.IsType<ValuesOptions>(last.Init.Options).Values);
        Assert.False(last.Bias);
        Assert.Equal("half_squared_error", experiment.Cost.Name);
        Assert.Equal("gradient_descent", experiment.Optimizer.Name);
        Assert.Equal(1.0, Assert.IsType<GradientDescentOptions>(experiment.Optimizer.Options).LearningRate);
        Assert.Equal(new(5000, 100, BatchSize: 0, Shuffle: true, ShuffleSeed: 49), experiment.Training);
        Assert.Equal(0.6, experiment.PredictionThreshold);
        Assert.Empty(experiment.Overrides);
        Assert.Same(BuiltIns, experiment.Registry);
    }

    [Fact]
    public void Layer_sizes_are_inferred_from_the_data_and_the_previous_layer()
    {
        var network = BuiltNetwork(Ok(Xor));

        Assert.Equal([2, 3, 3, 1, 1], network.Sizes);
        Assert.Equal(3, Initial(network, 0, "W")!.Rows);
        Assert.Equal(2, Initial(network, 0, "W")!.Cols);
        Assert.Equal([0.1, 0.4, 0.9], Initial(network, 2, "W")!.Data);
        Assert.Null(Initial(network, 2, "b"));
    }

    [Fact]
    public void Omitted_keys_take_their_defaults()
    {
        var experiment = Ok("""
            name: minimal
            data: {inputs: [[0, 1], [1, 0], [1, 1]], targets: [0, 1, 1]}
            model: [{linear: {units: 1}}]
            training: {epochs: 3}
            """);

        Assert.Equal(0u, experiment.Seed);
        Assert.Equal("half_squared_error", experiment.Cost.Name);
        Assert.Equal("gradient_descent", experiment.Optimizer.Name);
        Assert.Equal(0.1, Assert.IsType<GradientDescentOptions>(experiment.Optimizer.Options).LearningRate);
        Assert.Equal(new(3, 100, BatchSize: 0, Shuffle: true, ShuffleSeed: 1), experiment.Training);
        Assert.Equal(0.5, experiment.PredictionThreshold);
        Assert.Equal(["x1", "x2"], experiment.Data.InputNames);
        Assert.Equal(["y"], experiment.Data.TargetNames);
        var linear = Assert.IsType<LinearOptions>(experiment.Model[0].Options);
        Assert.Equal(("plain", true, "zeros"), (linear.Init.Name, linear.Bias, linear.BiasInit.Name));
    }

    [Fact]
    public void A_flat_target_list_is_one_target_per_example_and_several_targets_are_named_y1_to_yk()
    {
        var flat = Ok("""
            name: flat
            data: {inputs: [1, 2, 3], targets: [0, 1, 0]}
            model: [sigmoid]
            training: {epochs: 1}
            """).Data;
        var two = Ok("""
            name: two
            data: {inputs: [[1], [2]], targets: [[0, 1], [1, 0]]}
            model: [{linear: {units: 2}}]
            training: {epochs: 1}
            """).Data;

        Assert.Equal((1, 3), (flat.Inputs.Rows, flat.Inputs.Cols));
        Assert.Equal([1, 2, 3], flat.Inputs.Data);
        Assert.Equal((1, 3), (flat.Targets.Rows, flat.Targets.Cols));
        Assert.Equal([0, 1, 0], flat.Targets.Data);
        Assert.Equal([0, 1, 1, 0], two.Targets.Data);
        Assert.Equal(["y1", "y2"], two.TargetNames);
    }

    [Fact]
    public void Initializers_can_be_named_mappings_aliases_and_flat_value_lists()
    {
        var experiment = Ok("""
            name: init
            data: {inputs: [[1, 2]], targets: [1]}
            model:
              - linear: {units: 1, init: [0.5, -0.25], bias_init: {name: constant, value: 0.75}}
            optimizer: sgd
            cost: mse
            training: {epochs: 1}
            """);

        var linear = Assert.IsType<LinearOptions>(experiment.Model[0].Options);
        Assert.Equal([[0.5, -0.25]], Assert.IsType<ValuesOptions>(linear.Init.Options).Values);
        Assert.Equal("constant", linear.BiasInit.Name);
        Assert.Equal(0.75, Assert.IsType<ConstantOptions>(linear.BiasInit.Options).Value);
        // Aliases resolve to the canonical component.
        Assert.Equal("gradient_descent", experiment.Optimizer.Name);
        Assert.Equal("half_squared_error", experiment.Cost.Name);
        var network = BuiltNetwork(experiment);
        Assert.Equal([0.5, -0.25], Initial(network, 0, "W")!.Data);
        Assert.Equal([0.75], Initial(network, 0, "b")!.Data);
    }

    [Fact]
    public void The_largest_numpy_seed_is_accepted()
    {
        var experiment = Ok("""
            name: seed
            seed: 4294967295
            data: {inputs: [[1]], targets: [1]}
            model: [sigmoid]
            training: {epochs: 1}
            """);

        Assert.Equal(uint.MaxValue, experiment.Seed);
    }

    [Fact]
    public void LoadFile_reads_the_file_and_resolves_data_paths_from_its_folder()
    {
        using var dir = new TempDirectory();
        dir.Write("sub/data/d.csv", "a,b\n1,0\n0,1\n");
        string path = dir.Write("sub/exp.yaml", """
            name: from-file
            data: {file: data/d.csv, input_columns: [a], target_columns: [b]}
            model: [sigmoid]
            training: {epochs: 1}
            """);

        var experiment = Unwrap(new ExperimentLoader(BuiltIns).LoadFile(path));

        Assert.Equal(path, experiment.SourceFile);
        Assert.Equal([1, 0], experiment.Data.Inputs.Data);
        Assert.Equal([0, 1], experiment.Data.Targets.Data);
    }

    [Fact]
    public void LoadFile_of_a_missing_file_gives_one_error_at_its_start()
    {
        string path = Path.Combine(Path.GetTempPath(), "nnlab-no-such-dir", "missing.yaml");

        var errors = Errors(new ExperimentLoader(BuiltIns).LoadFile(path));

        Assert.Equal([$"{path}:1:1: cannot read the experiment file: file not found"], errors);
    }
}
