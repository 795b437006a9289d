using Microsoft.Extensions.Logging.Abstractions;
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
        var recorder = new CostRecorder(new TrainingSettings(10, 5), NullLogger.Instance);

        recorder.OnCostRecorded(0, 0.5);
        recorder.OnCostRecorded(5, 0.25);
        recorder.OnCostRecorded(9, 0.125);

        Assert.Equal([new CostRecord(0, 0.5), new CostRecord(5, 0.25), new CostRecord(9, 0.125)], recorder.Rows);
    }
}
