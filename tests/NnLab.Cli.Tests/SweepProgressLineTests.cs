using NnLab.Cli.Progress;
using NnLab.Runner.Sweeps;

namespace NnLab.Cli.Tests;

/// <summary>The live sweep line fits the terminal: at 80 columns it used to wrap and fall apart.</summary>
public sealed class SweepProgressLineTests
{
    private static SweepProgress.Snapshot Snapshot(string label) => new(10_000, 3_031, 2, 17, 5,
        new TrialRecord(30, "abc", label, new Dictionary<string, string>(), TrialStatus.Completed, null, "trials/x", FinalCost: 4.3738433318228545E-06));

    [Theory]
    [InlineData(80)]
    [InlineData(100)]
    [InlineData(200)]
    public void The_description_leaves_room_for_the_bar_and_times(int width)
    {
        foreach (string label in new[] { "030-learning_rate=107.7,repeat=0", new string('x', 300), "" })
        {
            string text = SpectreSweepMonitor.Describe(Snapshot(label), width);
            Assert.True(text.Length <= width - 45, $"{text.Length} characters at width {width}: {text}");
            Assert.StartsWith("3031/10000", text);
        }
    }

    [Fact]
    public void A_wide_terminal_shows_the_long_form()
    {
        string text = SpectreSweepMonitor.Describe(Snapshot("030-learning_rate=107.7,repeat=0"), 200);
        Assert.Equal("3031/10000 done  2 running  17 failed  5 diverged  best final cost 4.374e-06 (030-learning_rate=107.7,repeat=0)", text);
    }
}
