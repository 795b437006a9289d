using System.Text;
using System.Text.Json;
using NnLab.Runner.Recording;
using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Sweeps;

/// <summary>The state lines' own reader gives what the serializer gives: the same event, the same curve, the same refusals.</summary>
public class StateLineTests
{
    private static readonly DateTime Utc = new(2026, 12, 7, 4, 51, 2, 123, DateTimeKind.Utc);

    private static IEnumerable<TrialEvent> Events()
    {
        foreach (var status in Enum.GetValues<TrialStatus>())
            yield return new TrialEvent(7, "ab12", status, Utc, "w-1");
        yield return new TrialEvent(12, "id", TrialStatus.Completed, Utc.AddTicks(3), "worker-host-1-abcd", "resumed once",
            FinalCost: 0.0009210166430616655, Accuracy: 0.75, ValidationCost: 1e-300, BestValidationCost: 2.5,
            ValidationAccuracy: 1, TestCost: 3.25e10, TestAccuracy: 0.5, EpochsCompleted: 5000, WallTimeSeconds: 0.0072,
            StartedUtc: Utc, FinishedUtc: Utc.AddSeconds(1), ExitCode: 137, ResumedFromEpoch: 100,
            Curve: [[0, 0.25], [100, 0.125, 0.5], [200, double.NaN, double.PositiveInfinity], [300, double.NegativeInfinity]]);
        yield return new TrialEvent(3, "x\"y\\é", TrialStatus.Diverged, Utc, "w", "cost became NaN at epoch 4\nthen \"stopped\"",
            FinalCost: double.NaN, EpochsCompleted: 4, Curve: [[0, 1], [1, double.NaN]]);
        yield return new TrialEvent(0, "e", TrialStatus.Completed, Utc, "w", FinalCost: 1, Curve: []);
        yield return new TrialEvent(1, "p", TrialStatus.Completed, Utc, "w", FinalCost: 1, Curve: [[5], [], [6, 0.5]]);
        yield return new TrialEvent(int.MaxValue, "", TrialStatus.Failed, DateTime.MinValue.ToUniversalTime(), "", "boom", ExitCode: -1);
    }

    /// <summary>Lines the writer never writes, but a person or another tool might.</summary>
    private static readonly string[] OddLines =
    [
        """{"worker":"w","status":"completed","id":"i","trial":2,"utc":"2026-12-07T04:51:02Z","curve":[[1,2]]}""",
        """ { "trial" : 2 , "id":"i", "status":"COMPLETED", "utc":"2026-12-07T04:51:02.5+01:00", "worker":"w" } """,
        """{"trial":2,"id":"i","status":2,"utc":"2026-12-07T04:51:02Z","worker":"w","extra":{"a":[1,{"b":2}]},"more":[1,2],"x":null}""",
        """{"trial":2,"trial":3,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w","curve":[[1,2,3]],"curve":[[4,5]]}""",
        """{"trial":2,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w","curve":null,"final_cost":null}""",
        """{"tr\u0069al":9,"id":"i","status":"pending","utc":"2026-12-07T04:51:02Z","worker":"w"}""",
        """{"trial":"2","id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w"}""",
        """{"trial":2.5,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w"}""",
        """{"trial":2,"id":"i","status":"walking","utc":"2026-12-07T04:51:02Z","worker":"w"}""",
        """{"trial":2,"id":"i","status":"running","utc":"yesterday","worker":"w"}""",
        """{"trial":2,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w","final_cost":"1.5"}""",
        """{"trial":2,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w","final_cost":"nan"}""",
        """{"trial":2,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w","curve":[1,2]}""",
        """{"trial":2,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w","curve":{"a":1}}""",
        """{"trial":2,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w"}x""",
        """{"trial":2,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w",}""",
        """{"trial":null,"id":"i","status":"running","utc":"2026-12-07T04:51:02Z","worker":"w"}""",
        """{"id":"i"}""",
        """[]""",
        """null""",
        "",
    ];

    public static TheoryData<string> Lines()
    {
        var data = new TheoryData<string>();
        foreach (var e in Events()) data.Add(StateLog.Text(e));
        foreach (string line in OddLines) data.Add(line);
        return data;
    }

    [Theory]
    [MemberData(nameof(Lines))]
    public void A_line_reads_as_the_serializer_reads_it(string text)
    {
        byte[] line = Encoding.UTF8.GetBytes(text);
        var expected = Deserialize(line);
        var actual = StateLine.Read(line, out var shape);
        var curve = StateLine.ReadCurve(line);
        if (expected is null)
        {
            Assert.Null(actual);
            Assert.Null(curve);
            return;
        }
        Assert.NotNull(actual);
        Assert.Null(actual.Curve);
        Assert.Equal(StateLog.Text(expected with { Curve = null }), StateLog.Text(actual));
        Assert.Equal(expected.Curve is null ? CurveShape.None : expected.Curve.Any(p => p.Length > 2) ? CurveShape.WithValidation : CurveShape.Costs, shape);
        Assert.Equal(Rows(expected), curve);
    }

    [Fact]
    public void The_full_event_sets_every_field_so_a_field_the_reader_misses_shows()
    {
        var full = Events().Single(e => e.Curve is { Count: > 3 });
        var unset = typeof(TrialEvent).GetProperties()
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract" && p.GetValue(full) is null)
            .Select(p => p.Name);
        Assert.Empty(unset);
    }

    [Fact]
    public void A_line_torn_anywhere_is_refused_as_the_serializer_refuses_it()
    {
        byte[] line = Encoding.UTF8.GetBytes(StateLog.Text(Events().First(e => e.Curve is { Count: > 3 })));
        for (int length = 0; length < line.Length; length++)
        {
            var torn = line.AsSpan(0, length);
            Assert.True(Deserialize(torn) is null, $"the serializer read {length} bytes");
            Assert.Null(StateLine.Read(torn, out _));
        }
    }

    private static TrialEvent? Deserialize(ReadOnlySpan<byte> line)
    {
        try
        {
            return JsonSerializer.Deserialize<TrialEvent>(line, StateLog.LineOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The curve as the summaries read it: points of two or three numbers.</summary>
    private static List<CostRecord> Rows(TrialEvent e) =>
        e.Curve?.Where(p => p.Length >= 2).Select(p => new CostRecord((int)p[0], p[1]) { ValidationCost = p.Length > 2 ? p[2] : null }).ToList() ?? [];
}
