using System.ComponentModel.DataAnnotations;
using NnLab.Registry;

namespace NnLab.Experiments.Tests;

/// <summary>Plugin-style components, registered like a plugin assembly, to test the generic options binder.</summary>
public static class TestComponents
{
    /// <summary>The built-ins plus every [Component] of this test assembly.</summary>
    public static readonly ComponentRegistry Registry = CreateRegistry();

    private static ComponentRegistry CreateRegistry()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        registry.RegisterAssembly(typeof(TestComponents).Assembly, "tests");
        return registry;
    }
}

public enum Curve
{
    Straight,
    SoftStep,
}

/// <summary>One property of every supported type.</summary>
public sealed class ScaleOptions
{
    [Range(0.0, 10.0)]
    public double Factor { get; set; } = 1;

    public Curve Curve { get; set; } = Curve.Straight;
    public float Gain { get; set; } = 1;
    public long Steps { get; set; } = 3;
    public int[] Taps { get; set; } = [1, 2];
    public double[] Weights { get; set; } = [];
    public string Label { get; set; } = "scale";
    public int? Limit { get; set; }
    public ComponentRef Init { get; set; } = "zeros";
}

/// <summary>A pass-through layer whose options are all optional, so it can be written as a bare name.</summary>
[Register("scale")]
public sealed class ScaleLayer(ScaleOptions options) : ILayer<double>
{
    public ScaleOptions Options => options;
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) => input.CopyTo(output);
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) => outputGradient.CopyTo(inputGradient!);
}

public sealed class ClockOptions
{
    public DateTime When { get; set; }
}

/// <summary>A plugin bug: an option type NnLab cannot read.</summary>
[Register("clock")]
public sealed class ClockLayer(ClockOptions options) : ILayer<double>
{
    public ClockOptions Options => options;
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) { }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}

/// <summary>A layer whose own checks fail at build time.</summary>
[Register("fragile")]
public sealed class FragileLayer : ILayer<double>
{
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) =>
        context.InputSize >= 3 ? context.InputSize : throw new InvalidOperationException("needs at least 3 inputs");
    public void Forward(Matrix<double> input, Matrix<double> output) { }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}

/// <summary>A cross-field rule through IValidatableObject.</summary>
public sealed class BandOptions : IValidatableObject
{
    public int Low { get; set; }
    public int High { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Low >= High) yield return new ValidationResult($"must be less than high ({High})", [nameof(Low)]);
    }
}

[Register("band")]
public sealed class BandLayer(BandOptions options) : ILayer<double>
{
    public BandOptions Options => options;
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) { }
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) { }
}

/// <summary>A cost whose constructor fails: the loader creates the cost to check the targets and must say where.</summary>
[Register("fragile_cost")]
public sealed class FragileCost : ICost<double>
{
    public FragileCost() => throw new InvalidOperationException("no cost today");
    public double Evaluate(Matrix<double> predictions, Matrix<double> targets, Matrix<double>? gradient) => 0;
}

/// <summary>An option whose setter checks the value itself: its message is the user's error.</summary>
public sealed class GuardedOptions
{
    private int _even;

    public int Even
    {
        get => _even;
        set => _even = value % 2 == 0 ? value : throw new ArgumentException("must be even");
    }
}

[Register("guarded")]
public sealed class GuardedLayer(GuardedOptions options) : ILayer<double>
{
    public GuardedOptions Options => options;
    public IReadOnlyList<Parameter<double>> Parameters => [];
    public int Build(LayerBuildContext<double> context) => context.InputSize;
    public void Forward(Matrix<double> input, Matrix<double> output) => input.CopyTo(output);
    public void Backward(Matrix<double> input, Matrix<double> output, Matrix<double> outputGradient, Matrix<double>? inputGradient) => outputGradient.CopyTo(inputGradient!);
}
