using NnLab.Numerics;

namespace NnLab.Experiments.Tests;

public class PrecisionTests
{
    private const string Xor = """
        name: xor
        data: {inputs: [[0, 0], [0, 1], [1, 0], [1, 1]], targets: [0, 1, 1, 0]}
        model:
          - linear: {units: 3, init: xavier}
          - sigmoid
          - linear: {units: 1}
          - sigmoid
        training: {epochs: 100}
        """;

    [Fact]
    public void Float64_is_the_default_and_float32_is_chosen_under_training()
    {
        Assert.Equal(Precision.Float64, TestLoader.Ok(Xor).Precision);
        var experiment = TestLoader.Ok(Xor, "training.precision=float32");
        Assert.Equal(Precision.Float32, experiment.Precision);
        Assert.Contains("precision: float32", experiment.ResolvedYaml);
        // The model is built in float32 (a session of it, NnLab.Runner.Tests' ExperimentSessionTests, computes in float32).
        Assert.IsType<BuiltModel<float>>(experiment.TakeModel());
    }

    [Fact]
    public void An_unknown_precision_names_the_valid_ones_at_its_location()
    {
        string yaml = Xor.Replace("training: {epochs: 100}", "training: {epochs: 100, precision: float16}");
        Assert.Equal("exp.yaml:8:36: training.precision: expected one of float64, float32, got 'float16'; did you mean 'float64'?", TestLoader.Error(yaml));
    }

    [Fact]
    public void A_float64_only_layer_is_refused_in_float32_at_its_own_line_and_accepted_in_float64()
    {
        string yaml = Xor.Replace("  - sigmoid\n  - linear: {units: 1}", "  - scale\n  - linear: {units: 1}");
        var load = () => TestLoader.Load(yaml, TestComponents.Registry, "", "training.precision=float32");
        var error = Assert.Single(TestLoader.Errors(load()));
        Assert.Equal(
            "exp.yaml:5:5: model[1]: layer 'scale' (tests) cannot run with precision: float32: it supports float64 only " +
            "(ScaleLayer does not implement ILayer<float>); make it generic (class ScaleLayer<T> : ILayer<T>) or set " +
            "training.precision: float64", error);
        Assert.True(TestLoader.Load(yaml, TestComponents.Registry, "").Succeeded);
    }
}
