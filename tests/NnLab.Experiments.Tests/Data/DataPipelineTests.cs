using NnLab.Experiments.Data;
using static NnLab.Experiments.Tests.TestLoader;

namespace NnLab.Experiments.Tests.Data;

/// <summary>Generators, datasets, features, splits and normalisation as the YAML asks for them.</summary>
public sealed class DataPipelineTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static string Experiment(string data, string model = "[{linear: {units: 1}}, sigmoid]", string training = "{epochs: 1}") => $"""
        name: t
        seed: 5
        data:
        {data}
        model: {model}
        training: {training}
        """;

    [Fact]
    public void Without_split_or_normalize_the_rows_are_the_training_data_as_written()
    {
        var data = Ok(Experiment("  inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]\n  targets: [0, 1, 1, 0]")).Data;

        Assert.Equal([0, 0, 1, 1, 0, 1, 0, 1], data.Inputs.Data);
        Assert.Equal([0, 1, 1, 0], data.Targets.Data);
        Assert.Null(data.Validation);
        Assert.Null(data.Test);
        Assert.Null(data.Normalization);
        Assert.Null(data.ClassLabels);
        Assert.Equal(["x1", "x2", "y"], data.Table!.Columns);
        Assert.Equal(64, data.Sha256.Length);
    }

    [Fact]
    public void A_generator_in_yaml_gives_the_generator_s_points_seeded_from_the_experiment_unless_it_names_a_seed()
    {
        var fromSeed = Ok(Experiment("  generate: moons\n  samples: 30\n  noise: 0.1")).Data;
        var own = Ok(Experiment("  generate: moons\n  samples: 30\n  noise: 0.1\n  seed: 9")).Data;

        var expected = SklearnGenerators.MakeMoons(30, 0.1, 5);
        for (int j = 0; j < 30; j++)
        {
            Assert.Equal(expected.Rows[j][0], fromSeed.Inputs[0, j]);
            Assert.Equal(expected.Rows[j][1], fromSeed.Inputs[1, j]);
            Assert.Equal(expected.Labels[j], fromSeed.Targets[0, j]);
        }
        Assert.Equal(SklearnGenerators.MakeMoons(30, 0.1, 9).Rows[0][0], own.Inputs[0, 0]);
        Assert.Equal(["x1", "x2"], fromSeed.InputNames);
        Assert.Equal(["y"], fromSeed.TargetNames);
    }

    [Fact]
    public void String_labels_are_numbered_in_sorted_order_and_a_stratified_split_keeps_each_class_s_share()
    {
        var data = Ok(Experiment("  dataset: iris\n  split: {train: 0.6, validation: 0.2, test: 0.2, method: stratified}",
            model: "[{linear: {units: 3}}]", training: "{epochs: 1}") + "\ncost: softmax_cross_entropy\n").Data;

        Assert.Equal(["setosa", "versicolor", "virginica"], data.ClassLabels);
        Assert.Equal(90, data.Inputs.Cols);
        Assert.Equal(30, data.Validation!.Count);
        Assert.Equal(30, data.Test!.Count);
        foreach (var split in new[] { data.Targets, data.Validation.Targets, data.Test.Targets })
            Assert.Equal([split.Cols / 3, split.Cols / 3, split.Cols / 3],
                Enumerable.Range(0, 3).Select(c => split.Data.Count(v => v == c)).ToArray());
        // Iris's first row is a setosa (class 0); its first test row keeps the data's order within the split.
        Assert.Equal(0, data.Targets[0, 0]);
    }

    [Fact]
    public void Inline_targets_may_be_class_labels_and_the_resolved_file_writes_them_back()
    {
        var first = Ok(Experiment("  inputs: [[0], [1], [2]]\n  targets: [dog, cat, dog]"));

        Assert.Equal(["cat", "dog"], first.Data.ClassLabels);
        Assert.Equal([1, 0, 1], first.Data.Targets.Data);
        Assert.Contains("  targets: [dog, cat, dog]\n", first.ResolvedYaml);
        Assert.Equal(first.Data.Sha256, Ok(first.ResolvedYaml).Data.Sha256);
    }

    [Fact]
    public void A_random_split_is_the_seeded_permutation_test_first_then_validation_and_the_same_seed_gives_the_same_rows()
    {
        string yaml = Experiment("  generate: xor\n  samples: 20\n  split: {train: 0.5, validation: 0.25, test: 0.25, seed: 3}");
        var first = Ok(yaml).Data;
        var again = Ok(yaml).Data;

        var order = new NnLab.Numerics.NumpyRandomState(3).Permutation(20);
        var test = order[..5].Order().ToArray();
        var all = PlaygroundGenerators.Xor(20, 0, 5);
        Assert.Equal(test.Select(r => all.Rows[r][0]), Enumerable.Range(0, 5).Select(j => first.Test!.Inputs[0, j]).ToList());
        Assert.Equal(first.Sha256, again.Sha256);
        Assert.Equal(first.Inputs.Data, again.Inputs.Data);
        Assert.Equal(10, first.Inputs.Cols);
        Assert.Equal([10, 5, 5], new[] { "train", "validation", "test" }.Select(s => first.Table!.Split.Count(x => x == s)).ToArray());
    }

    [Fact]
    public void Normalisation_statistics_come_from_the_training_rows_only()
    {
        _dir.Write("train.csv", "a,y\n0,0\n2,1\n4,0\n");
        _dir.Write("far.csv", "a,y\n1000,1\n2000,0\n");
        var data = Unwrap(Load(Experiment("""
              file: train.csv
              input_columns: [a]
              target_columns: [y]
              validation: {file: far.csv}
              normalize: zscore
            """), BuiltIns, _dir.Path)).Data;

        // Mean 2 and population deviation sqrt(8/3) over 0, 2, 4: the validation rows at 1000 and 2000 do not move them.
        Assert.Equal(2, data.Normalization!.Offset[0]);
        Assert.Equal(Math.Sqrt(8.0 / 3), data.Normalization.Scale[0]);
        Assert.Equal((1000 - 2) / Math.Sqrt(8.0 / 3), data.Validation!.Inputs[0, 0]);
        Assert.Equal(-2 / Math.Sqrt(8.0 / 3), data.Inputs[0, 0]);
    }

    [Fact]
    public void Minmax_scales_the_training_rows_into_0_to_1()
    {
        var data = Ok(Experiment("  inputs: [[2], [4], [10]]\n  targets: [0, 1, 1]\n  normalize: minmax")).Data;

        Assert.Equal([0, 0.25, 1], data.Inputs.Data);
    }

    [Fact]
    public void Features_derive_the_tutorial_s_feature_cross_from_the_columns()
    {
        var data = Ok(Experiment("  inputs: [[0, 0], [0, 1], [1, 0], [1, 1]]\n  targets: [0, 1, 1, 0]\n  features: [x1, x2, {product: [x1, x2], name: x3}]"))
            .Data;

        Assert.Equal(["x1", "x2", "x3"], data.InputNames);
        Assert.Equal([0, 0, 0, 1], data.Inputs.Row(2).ToArray());
        Assert.Equal(["x1", "x2", "y"], data.Table!.Columns);
    }

    [Fact]
    public void A_split_column_says_each_row_s_split_and_is_not_an_input()
    {
        _dir.Write("d.csv", "a,y,set\n1,0,train\n2,1,validation\n3,0,train\n4,1,test\n");
        var data = Unwrap(Load(Experiment("  file: d.csv\n  input_columns: [a]\n  target_columns: [y]\n  split: {column: set}"),
            BuiltIns, _dir.Path)).Data;

        Assert.Equal([1, 3], data.Inputs.Data);
        Assert.Equal([2], data.Validation!.Inputs.Data);
        Assert.Equal([4], data.Test!.Inputs.Data);
    }

    [Fact]
    public void The_resolved_configuration_fills_in_generator_options_and_split_seeds_and_loads_back_to_the_same_data()
    {
        var first = Ok(Experiment("  generate: circles\n  samples: 40\n  split: {validation: 0.25}\n  normalize: zscore"));

        Assert.Contains("  generate: circles\n  samples: 40\n  seed: 5\n  noise: 0\n  factor: 0.8\n", first.ResolvedYaml);
        Assert.Contains("  split: {train: 0.75, validation: 0.25, test: 0, method: random, seed: 5}\n", first.ResolvedYaml);
        var second = Ok(first.ResolvedYaml);
        Assert.Equal(first.Data.Sha256, second.Data.Sha256);
        Assert.Equal(first.Data.Inputs.Data, second.Data.Inputs.Data);
    }

    [Theory]
    [InlineData("  generate: moons\n  split: {train: 0.7, validation: 0.2}",
        "exp.yaml:5:10: data.split: the fractions must sum to 1, got 0.9 (train 0.7 + validation 0.2 + test 0)")]
    [InlineData("  generate: moonz",
        "exp.yaml:4:13: data.generate: unknown generator 'moonz'; did you mean 'moons'? Generators: moons, circles, blobs, xor, spiral, gaussian, circle.")]
    [InlineData("  dataset: irs",
        "exp.yaml:4:12: data.dataset: unknown dataset 'irs'; did you mean 'iris'? Bundled datasets: iris, digits.")]
    [InlineData("  generate: moons\n  factor: 0.5",
        "exp.yaml:5:3: data.factor: 'factor' does not apply to the moons generator; it takes samples, seed, noise")]
    [InlineData("  inputs: [[1], [2]]\n  targets: [0, 1]\n  noise: 0.1",
        "exp.yaml:6:3: data.noise: 'noise' is a generator option; it only applies with 'generate'")]
    [InlineData("  generate: moons\n  samples: 8\n  split: {train: 0.9, validation: 0.1, method: stratified}",
        "exp.yaml:6:10: data.split: the validation split would get no row of class '0' (4 rows): 0.1 × 4 rounds to 0; use more data or a larger fraction")]
    [InlineData("  inputs: [[1], [1], [1]]\n  targets: [0, 1, 1]\n  normalize: zscore",
        "exp.yaml:6:14: data.normalize: input 'x1' does not vary in the training split (every value is 1), so it cannot be scaled; drop it from the inputs or use normalize: none")]
    [InlineData("  inputs: [[1], [2]]\n  targets: [0.5, 1.5]\n  split: {validation: 0.5, method: stratified}",
        "exp.yaml:6:10: data.split: a stratified split needs class targets: one column of class labels or of class indices 0, 1, 2, …")]
    [InlineData("  generate: moons\n  split: {validation: 0.2}\n  validation: {generate: moons, seed: 1}",
        "exp.yaml:6:15: data.validation: the validation rows come either from 'split' or from 'validation', not both")]
    public void Bad_data_sections_are_reported_at_the_key_that_is_wrong(string data, string expected) =>
        Assert.Contains(expected, Errors(Experiment(data)));

    [Fact]
    public void A_label_column_with_one_class_is_refused()
    {
        _dir.Write("d.csv", "a,kind\n1,cat\n2,cat\n");
        string[] errors = Errors(Load(Experiment("  file: d.csv\n  input_columns: [a]\n  target_columns: [kind]"), BuiltIns, _dir.Path));

        Assert.Equal(["exp.yaml:6:20: data.target_columns[0]: the target column 'kind' has only one class ('cat'); a classifier needs at least two"], errors);
    }

    [Fact]
    public void Early_stopping_on_validation_cost_needs_a_validation_split()
    {
        string error = Error(Experiment("  inputs: [[1], [2]]\n  targets: [0, 1]", training: "{epochs: 10, early_stopping: {patience: 3}}"));

        Assert.StartsWith("exp.yaml:7:40: training.early_stopping.monitor: validation_cost needs a validation split", error);
    }
}
