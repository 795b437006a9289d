using NnLab.Experiments.Loading;
using NnLab.Initializers;
using static NnLab.Experiments.Tests.TestLoader;

namespace NnLab.Experiments.Tests;

/// <summary>The reflection binder on plugin-style options: every supported type, and the same errors as built-ins.</summary>
public class PluginOptionsTests
{
    private static LoadResult LoadPlugin(string layer, params string[] overrides) => Load($"""
        name: plugin
        data: {"{"}inputs: [[1]], targets: [1]{"}"}
        model:
          - {layer}
        training: {"{"}epochs: 1{"}"}
        """, TestComponents.Registry, "", overrides);

    [Fact]
    public void Every_supported_option_type_is_bound_from_snake_case_keys()
    {
        var experiment = Unwrap(LoadPlugin(
            "scale: {factor: 2.5, curve: soft_step, gain: 0.25, steps: 10000000000, taps: [3, 4], weights: [0.5, 1e-3], " +
            "label: \"two words\", limit: 7, init: {name: constant, value: 2}}"));

        var options = Assert.IsType<ScaleOptions>(experiment.Model[0].Options);
        Assert.Equal(2.5, options.Factor);
        Assert.Equal(Curve.SoftStep, options.Curve);
        Assert.Equal(0.25f, options.Gain);
        Assert.Equal(10_000_000_000L, options.Steps);
        Assert.Equal([3, 4], options.Taps);
        Assert.Equal([0.5, 0.001], options.Weights);
        Assert.Equal("two words", options.Label);
        Assert.Equal(7, options.Limit);
        Assert.Equal("constant", options.Init.Name);
        Assert.Equal(2.0, Assert.IsType<ConstantOptions>(options.Init.Options).Value);
    }

    [Fact]
    public void Options_bound_again_and_again_as_a_sweep_binds_its_trials_keep_their_values_and_errors()
    {
        // Past OptionProperty.ReflectedUses uses, a property is read and written through typed delegates, not reflection.
        for (int load = 0; load < 2 * OptionProperty.ReflectedUses; load++)
        {
            var experiment = Unwrap(LoadPlugin($"scale: {{factor: 2.5, curve: soft_step, gain: 0.25, steps: {load}, taps: [3, 4], label: two, limit: 7}}"));
            var options = Assert.IsType<ScaleOptions>(experiment.Model[0].Options);
            Assert.Equal((2.5, Curve.SoftStep, 0.25f, (long)load, "two", (int?)7),
                (options.Factor, options.Curve, options.Gain, options.Steps, options.Label, options.Limit));
            Assert.Equal([3, 4], options.Taps);
            Assert.Contains($"  - scale: {{factor: 2.5, curve: soft_step, gain: 0.25, steps: {load}, taps: [3, 4], weights: [], label: two, limit: 7, init: zeros}}\n",
                experiment.ResolvedYaml);
            Assert.Equal(6, Assert.IsType<GuardedOptions>(Unwrap(LoadPlugin("guarded: {even: 6}")).Model[0].Options).Even);
            Assert.Equal("exp.yaml:4:21: model[0].even: must be even", Assert.Single(Errors(LoadPlugin("guarded: {even: 3}"))));
        }
        Assert.All(OptionsSchema.For(typeof(ScaleOptions)).Concat(OptionsSchema.For(typeof(GuardedOptions))), p => Assert.True(p.IsCompiled, p.Key));
    }

    [Fact]
    public void A_bare_name_takes_every_default()
    {
        var options = Assert.IsType<ScaleOptions>(Unwrap(LoadPlugin("scale")).Model[0].Options);

        Assert.Equal((1.0, Curve.Straight, 3L, "scale", (int?)null, "zeros"),
            (options.Factor, options.Curve, options.Steps, options.Label, options.Limit, options.Init.Name));
    }

    [Fact]
    public void Plugin_options_get_the_same_typed_errors_as_built_ins()
    {
        string[] errors = Errors(LoadPlugin(
            "scale: {factor: 11, curve: soft_stp, taps: [1, x], label: [a], limit: ~, init: he, colour: red}"));

        Assert.Equal([
            "exp.yaml:4:21: model[0].factor: must be at least 0 and at most 10, got 11",
            "exp.yaml:4:32: model[0].curve: expected one of straight, soft_step, got 'soft_stp'; did you mean 'soft_step'?",
            "exp.yaml:4:52: model[0].taps[1]: expected an integer, got 'x'",
            "exp.yaml:4:63: model[0].label: expected a string, got a list",
            "exp.yaml:4:88: model[0].colour: unknown option 'colour' in layer 'scale'. " +
            "Valid options: factor, curve, gain, steps, taps, weights, label, limit, init.",
        ], errors);
    }

    [Fact]
    public void An_option_type_nnlab_cannot_read_is_reported_as_the_plugins_problem()
    {
        string error = Assert.Single(Errors(LoadPlugin("clock")));

        Assert.Equal("exp.yaml:4:5: model[0]: layer 'clock': option 'when' has type DateTime, which NnLab cannot read from YAML " +
                     "(supported: int, long, double, float, bool, string, enums, double[], double[][], int[], ComponentRef)", error);
    }

    [Fact]
    public void A_layer_that_throws_while_building_is_reported_at_its_entry()
    {
        string error = Assert.Single(Errors(LoadPlugin("fragile")));

        Assert.Equal("exp.yaml:4:5: model[0]: cannot build layer 'fragile' with 1 input: needs at least 3 inputs", error);
    }

    [Fact]
    public void A_cost_whose_constructor_throws_is_reported_at_the_cost()
    {
        string error = Assert.Single(Errors(Load("""
            name: plugin
            data: {inputs: [[1]], targets: [1]}
            model:
              - linear: {units: 1}
            cost: fragile_cost
            training: {epochs: 1}
            """, TestComponents.Registry, "")));

        Assert.Equal("exp.yaml:5:7: cost: cost 'fragile_cost' (tests): its constructor threw InvalidOperationException: no cost today", error);
    }

    [Fact]
    public void Cross_field_rules_of_IValidatableObject_are_reported_at_the_named_option()
    {
        string error = Assert.Single(Errors(LoadPlugin("band: {low: 4, high: 2}")));

        Assert.Equal("exp.yaml:4:17: model[0].low: must be less than high (2)", error);
    }
}
