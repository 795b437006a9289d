using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Numerics;
using NnLab.Runner.Output;
using NnLab.Runner.Recording;
using NnLab.Training;

namespace NnLab.Runner.Tests;

public sealed class CostRecorderTests
{
    [Theory]
    [InlineData(5000, 100, 51)] // 0, 100, ..., 4900, plus 4999
    [InlineData(5000, 1, 5001)]
    [InlineData(1, 100, 2)]
    [InlineData(int.MaxValue, 1, 1 << 20)] // capped: a huge run must not reserve gigabytes
    public void Reserves_room_for_every_recorded_epoch(int epochs, int logEvery, int expected) =>
        Assert.Equal(expected, CostRecorder.ExpectedRows(new TrainingSettings(epochs, logEvery)));

    [Fact]
    public void Keeps_rows_in_order()
    {
        var recorder = new CostRecorder(new TrainingSettings(10, 5), NullLogger.Instance, Precision.Float64);

        recorder.OnCostRecorded(0, 0.5);
        recorder.OnCostRecorded(5, 0.25);
        recorder.OnCostRecorded(9, 0.125);

        Assert.Equal([new CostRecord(0, 0.5), new CostRecord(5, 0.25), new CostRecord(9, 0.125)], recorder.Rows);
    }

    [Fact]
    public void Keeps_a_float32_runs_costs_as_floats()
    {
        var recorder = new CostRecorder(new TrainingSettings(10, 5), NullLogger.Instance, Precision.Float32);

        recorder.OnCostRecorded(0, (double)0.1f);

        Assert.Equal(new CostRecord(0, 0.1), Assert.Single(recorder.Rows));
    }

    [Theory]
    [InlineData(0.0009210175485350192, 0.00092101755)] // a float widened to double: its shortest float text
    [InlineData(0.10000000149011612, 0.1)]
    [InlineData(1e-45, 1e-45)] // the smallest float
    public void A_float32_value_is_reported_as_its_shortest_float_text(double widened, double reported)
    {
        Assert.Equal(reported, ReportedNumber.In(Precision.Float32, widened));
        Assert.Equal((float)widened, (float)ReportedNumber.In(Precision.Float32, widened)); // reads back as the same float
    }

    [Fact]
    public void Float64_values_and_non_finite_ones_are_reported_unchanged()
    {
        Assert.Equal(0.0009210175648331642, ReportedNumber.In(Precision.Float64, 0.0009210175648331642));
        Assert.Equal(double.PositiveInfinity, ReportedNumber.In(Precision.Float32, double.PositiveInfinity));
        Assert.True(double.IsNaN(ReportedNumber.In(Precision.Float32, double.NaN)));
        Assert.Null(ReportedNumber.In(Precision.Float32, (double?)null));
    }
}
