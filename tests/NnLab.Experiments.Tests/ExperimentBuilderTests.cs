namespace NnLab.Experiments.Tests;

/// <summary>
/// Options set in code are checked by the file's rules with the file's messages: the builder's experiment fails where
/// the same experiment written as YAML fails, at the same key path with the same message (only the place in the text
/// differs: the builder's own YAML is named <c>&lt;builder&gt;</c>).
/// </summary>
public sealed class ExperimentBuilderTests
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
          - linear: {units: 1, init: xavier}
          - sigmoid
        optimizer:
          name: gradient_descent
          learning_rate: LR
        training: {epochs: 10}
        """;

    private static ExperimentBuilder Builder(object learningRate) => new ExperimentBuilder("xor")
        .Seed(48)
        .Data(new { inputs = new[] { new[] { 0, 0 }, [0, 1], [1, 0], [1, 1] }, targets = new[] { 0, 1, 1, 0 } })
        .Layer("linear", new { units = 3, init = "xavier" }).Layer("sigmoid")
        .Layer("linear", new { units = 1, init = "xavier" }).Layer("sigmoid")
        .Optimizer("gradient_descent", new { learning_rate = learningRate })
        .Training(new { epochs = 10 });

    [Fact]
    public void A_negative_learning_rate_set_in_code_is_refused_with_the_files_message()
    {
        var inCode = Assert.Throws<ExperimentConfigException>(() => Builder(-5).Build());
        var fromFile = TestLoader.Load(Xor.Replace("LR", "-5"));

        var error = Assert.Single(inCode.Errors);
        Assert.Equal("optimizer.learning_rate", error.Path);
        Assert.Equal("must be greater than 0, got -5", error.Message);
        Assert.Equal(ExperimentBuilder.SourceName, error.File);
        var fileError = Assert.Single(fromFile.Errors);
        Assert.Equal((fileError.Path, fileError.Message), (error.Path, error.Message));
        Assert.Equal("exp.yaml:13:18: optimizer.learning_rate: must be greater than 0, got -5", fileError.ToString());
        // The exception's message is the errors as nnlab validate prints them, located in the builder's YAML.
        Assert.Equal(error.ToString(), inCode.Message);
        Assert.StartsWith("<builder>:", inCode.Message);
    }

    [Theory]
    [InlineData("lots")]
    [InlineData(-0.5)]
    [InlineData(0)]
    public void Every_refused_value_gets_the_same_path_and_message_as_in_the_file(object rate)
    {
        string yaml = Convert.ToString(rate, System.Globalization.CultureInfo.InvariantCulture)!;
        var inCode = Assert.Throws<ExperimentConfigException>(() => Builder(rate).Build());
        var fromFile = TestLoader.Load(Xor.Replace("LR", yaml));

        Assert.NotEmpty(fromFile.Errors);
        Assert.Equal(fromFile.Errors.Select(e => (e.Path, e.Message)), inCode.Errors.Select(e => (e.Path, e.Message)));
    }

    [Fact]
    public void A_valid_builder_gives_the_experiment_the_file_gives()
    {
        var inCode = Builder(1).Build();
        var fromFile = TestLoader.Unwrap(TestLoader.Load(Xor.Replace("LR", "1")));

        Assert.Equal(fromFile.ResolvedYaml, inCode.ResolvedYaml);
    }
}
