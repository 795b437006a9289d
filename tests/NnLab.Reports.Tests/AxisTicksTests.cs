using NnLab.Reports.Charts.Svg;

namespace NnLab.Reports.Tests;

/// <summary>The SVG charts' ticks: 1-2-5 steps on linear axes, powers of ten (or finer) on log axes.</summary>
public sealed class AxisTicksTests
{
    [Fact]
    public void Linear_ticks_step_by_1_2_or_5_times_a_power_of_ten()
    {
        var epochs = AxisTicks.Linear(0, 4999, 8);
        Assert.Equal([0, 1000, 2000, 3000, 4000], epochs.Major);
        Assert.Equal(["0", "1000", "2000", "3000", "4000"], epochs.Labels);

        // The decision boundary's padded XOR plane.
        var plane = AxisTicks.Linear(-0.2, 1.2, 6);
        Assert.Equal([0, 0.5, 1], plane.Major);

        // Multiples of 0.1 print as such, not as 0.30000000000000004.
        Assert.Equal(["0.1", "0.2", "0.3", "0.4"], AxisTicks.Linear(0.05, 0.45, 4).Labels);
        Assert.Equal(["-2", "-1", "0", "1", "2", "3"], AxisTicks.Linear(-2.3, 3.2, 6).Labels);
    }

    [Fact]
    public void Log_ticks_label_powers_of_ten_with_2_to_9_between()
    {
        // xor.yaml's costs with the chart's padding: 0.00089 to 0.129.
        var costs = AxisTicks.Log(0.00068, 0.17);
        Assert.Equal([0.001, 0.01, 0.1], costs.Major);
        Assert.Equal(["0.001", "0.01", "0.1"], costs.Labels);
        Assert.Equal(19, costs.Minor.Length); // 7-9 × 1e-4, 2-9 × 1e-3 and 2-9 × 1e-2
        Assert.Contains(0.003, costs.Minor);
    }

    [Fact]
    public void Many_decades_label_every_other_power_and_small_values_in_exponent_form()
    {
        var ticks = AxisTicks.Log(1e-12, 1);
        Assert.Equal(["1e-12", "1e-10", "1e-8", "1e-6", "0.0001", "0.01", "1"], ticks.Labels);
        Assert.Equal(6, ticks.Minor.Length); // the powers of ten in between, no 2-9 multiples
    }

    [Fact]
    public void A_range_within_a_decade_still_labels_at_least_two_ticks()
    {
        // A validation cost levelling off: 0.044 to 0.06 holds neither two powers of ten nor two of 1, 2, 5 × 10^k.
        Assert.Equal(["0.05", "0.06"], AxisTicks.Log(0.044, 0.06).Labels);
        Assert.Equal(["0.1", "0.2", "0.5"], AxisTicks.Log(0.09, 0.6).Labels);
        // Within a factor of 1.2: plain linear steps.
        Assert.Equal(["0.105", "0.11", "0.115"], AxisTicks.Log(0.101, 0.119).Labels);
    }
}
