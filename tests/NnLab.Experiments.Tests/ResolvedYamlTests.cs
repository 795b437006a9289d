using System.Collections;
using NnLab.Registry;
using static NnLab.Experiments.Tests.TestLoader;

namespace NnLab.Experiments.Tests;

public class ResolvedYamlTests
{
    private const string Xor = """
        name: xor
        seed: 48
        data:
          inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]
          targets: [0, 1, 1, 0]
        model:
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1, init: [[0.1, 0.4, 0.9]], bias: false}
          - sigmoid
        optimizer: {name: sgd, learning_rate: 1}
        training: {epochs: 5000}
        """;

    [Fact]
    public void Every_default_is_written_in_canonical_form()
    {
        string expected = """
            # Resolved by NnLab: overrides applied, every default filled in.
            name: xor
            seed: 48
            data:
              inputs:
                - [0, 0]
                - [0, 1]
                - [1, 0]
                - [1, 1]
              targets:
                - [0]
                - [1]
                - [1]
                - [0]
              input_names: [x1, x2]
              target_names: [y]
            model:
              - linear: {units: 3, init: xavier, bias: true, bias_init: zeros}
              - sigmoid
              - linear: {units: 1, init: [[0.1, 0.4, 0.9]], bias: false, bias_init: zeros}
              - sigmoid
            cost: {name: half_squared_error}
            optimizer: {name: gradient_descent, learning_rate: 1, decay: none, decay_rate: 0.5, decay_steps: 1000}
            training: {epochs: 5000, log_every: 100, divergence_factor: 10000, batch_size: 0, shuffle: true, kernels: reference, precision: float64, checkpoint_every: 20000}
            prediction: {threshold: 0.5}

            """;

        Assert.Equal(expected.Replace("\r\n", "\n"), Ok(Xor).ResolvedYaml);
    }

    [Fact]
    public void Overrides_appear_in_the_resolved_yaml()
    {
        string resolved = Ok(Xor, "optimizer.learning_rate=0.5", "model[0].init={name: constant, value: -2}").ResolvedYaml;

        Assert.Contains("\n  - linear: {units: 3, init: {name: constant, value: -2}, bias: true, bias_init: zeros}\n", resolved);
        Assert.Contains("\noptimizer: {name: gradient_descent, learning_rate: 0.5, decay: none, decay_rate: 0.5, decay_steps: 1000}\n", resolved);
    }

    [Fact]
    public void Numbers_are_written_as_their_shortest_round_trip_text_and_odd_names_are_quoted()
    {
        string resolved = Ok(Xor, "data.inputs=[[1e300, -0.0], [2.5e-8, 3], [0.1, 0.30000000000000004], [1, 1]]",
            "data.input_names=[\"true\", \"two words\"]", "prediction.threshold=1e-7").ResolvedYaml;

        Assert.Contains("\n  inputs:\n    - [1e+300, -0]\n    - [2.5e-08, 3]\n    - [0.1, 0.30000000000000004]\n    - [1, 1]\n", resolved);
        Assert.Contains("\n  input_names: [\"true\", \"two words\"]\n", resolved);
        Assert.Contains("\nprediction: {threshold: 1e-07}\n", resolved);
    }

    [Theory]
    [InlineData]
    [InlineData("model[0].init={name: constant, value: 0.30000000000000004}", "prediction.threshold=1e-7")]
    [InlineData("data.inputs=[[1e300, -0.0], [2.5e-8, 3]]", "data.targets=[0.1, 0.7]", "seed=4294967295")]
    [InlineData("data.input_names=[\"true\", \"two words\"]", "data.target_names=[\"a: b, c\"]", "name=x.y-z_1")]
    public void Resolved_yaml_loads_back_to_the_same_experiment(params string[] overrides)
    {
        var first = Ok(Xor, overrides);

        var second = Ok(first.ResolvedYaml);

        AssertSameExperiment(first, second);
        Assert.Equal(first.ResolvedYaml, second.ResolvedYaml);
    }

    [Fact]
    public void Csv_data_is_written_as_its_full_path_and_columns_and_loads_back_from_anywhere()
    {
        using var dir = new TempDirectory();
        dir.Write("d.csv", "a,b,t\n1,2,0\n3,4,1\n");
        var first = Unwrap(Load("""
            name: csv
            data: {file: d.csv, input_columns: [b, a], target_columns: t}
            model: [{linear: {units: 1}}]
            training: {epochs: 2}
            """, BuiltIns, dir.Path));

        string fullPath = Path.Combine(Path.GetFullPath(dir.Path), "d.csv");
        Assert.Contains($"\ndata:\n  file: \"{fullPath}\"\n  input_columns: [b, a]\n  target_columns: [t]\nmodel:\n", first.ResolvedYaml);
        // The saved configuration names the file by its full path, so it loads from any other folder (a run folder).
        using var elsewhere = new TempDirectory();
        var second = Unwrap(Load(first.ResolvedYaml, BuiltIns, elsewhere.Path));
        AssertSameExperiment(first, second);
        Assert.Equal([2, 4, 1, 3], second.Data.Inputs.Data);
    }

    [Fact]
    public void Plugin_options_of_every_type_round_trip()
    {
        const string yaml = """
            name: plugin
            data: {inputs: [[1]], targets: [1]}
            model:
              - scale: {factor: 2.5, curve: soft_step, gain: 0.1, steps: 10000000000, taps: [3], weights: [0.5, 1e-3], label: "two words", limit: 7, init: [4]}
            training: {epochs: 1}
            """;
        var first = Unwrap(Load(yaml, TestComponents.Registry, ""));

        Assert.Contains("\n  - scale: {factor: 2.5, curve: soft_step, gain: 0.1, steps: 10000000000, taps: [3], weights: [0.5, 0.001], " +
                        "label: \"two words\", limit: 7, init: [[4]]}\n", first.ResolvedYaml);
        var second = Unwrap(Load(first.ResolvedYaml, TestComponents.Registry, ""));
        AssertSameExperiment(first, second);
    }

    private static void AssertSameExperiment(Experiment expected, Experiment actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Seed, actual.Seed);
        AssertSameMatrix(expected.Data.Inputs, actual.Data.Inputs);
        AssertSameMatrix(expected.Data.Targets, actual.Data.Targets);
        Assert.Equal(expected.Data.InputNames, actual.Data.InputNames);
        Assert.Equal(expected.Data.TargetNames, actual.Data.TargetNames);
        Assert.Equal(expected.Model.Count, actual.Model.Count);
        for (int i = 0; i < expected.Model.Count; i++) AssertSameSpec(expected.Model[i], actual.Model[i], $"model[{i}]");
        AssertSameSpec(expected.Cost, actual.Cost, "cost");
        AssertSameSpec(expected.Optimizer, actual.Optimizer, "optimizer");
        Assert.Equal(expected.Training, actual.Training);
        Assert.Equal(expected.PredictionThreshold, actual.PredictionThreshold);
    }

    private static void AssertSameMatrix(Matrix<double> expected, Matrix<double> actual)
    {
        Assert.Equal((expected.Rows, expected.Cols), (actual.Rows, actual.Cols));
        // Bit patterns, so -0.0 and the last digit of a double count.
        Assert.Equal(expected.Data.Select(BitConverter.DoubleToInt64Bits), actual.Data.Select(BitConverter.DoubleToInt64Bits));
    }

    private static void AssertSameSpec(ComponentSpec expected, ComponentSpec actual, string path)
    {
        Assert.Same(expected.Descriptor, actual.Descriptor);
        AssertSameValue(expected.Options, actual.Options, path);
    }

    // Options classes have no Equals, so compare them property by property, recursing into arrays and ComponentRefs.
    private static void AssertSameValue(object? expected, object? actual, string path)
    {
        switch (expected)
        {
            case null:
                Assert.Null(actual);
                return;
            case double d:
                Assert.True(BitConverter.DoubleToInt64Bits(d) == BitConverter.DoubleToInt64Bits((double)actual!), $"{path}: {d} vs {actual}");
                return;
            case string or ValueType:
                Assert.Equal(expected, actual);
                return;
            case IList list:
                var other = Assert.IsAssignableFrom<IList>(actual);
                Assert.Equal(list.Count, other.Count);
                for (int i = 0; i < list.Count; i++) AssertSameValue(list[i], other[i], $"{path}[{i}]");
                return;
            case ComponentRef reference:
                var actualRef = Assert.IsType<ComponentRef>(actual);
                Assert.Equal(reference.Name, actualRef.Name);
                AssertSameValue(reference.Options, actualRef.Options, $"{path}.options");
                return;
            default:
                Assert.IsType(expected.GetType(), actual);
                foreach (var property in expected.GetType().GetProperties())
                    AssertSameValue(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
                return;
        }
    }
}
