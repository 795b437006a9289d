using NnLab.Runner.Sweeps;

namespace NnLab.Runner.Tests.Sweeps;

/// <summary>Measures the managed heap, so nothing else may allocate meanwhile: its tests run alone.</summary>
[CollectionDefinition(nameof(HeapMeasurement), DisableParallelization = true)]
public sealed class HeapMeasurement;

[Collection(nameof(HeapMeasurement))]
public sealed class TrialRecordTableTests
{
    private static readonly string[] Names = ["optimizer.learning_rate", "seed"];

    private int _made;

    /// <summary>Trial i as a sweep defines it, counting how many were made.</summary>
    private TrialRecord Pending(int i)
    {
        _made++;
        string label = $"{i:D5}-learning_rate={i * 0.001:R},seed={1000 + i}";
        return new TrialRecord(i, $"{i:x16}", label, new TrialParameters(Names, [$"{i * 0.001:R}", $"{1000 + i}"]),
            TrialStatus.Pending, null, SweepFiles.TrialFolder(label));
    }

    private TrialRecordTable Table(int count) => new(count, Pending, i => $"{i:x16}", sourcePending: true);

    [Fact]
    public void A_record_set_reads_back_whole_with_its_identity_from_the_source()
    {
        var table = Table(3);
        var finished = Pending(1) with { Status = TrialStatus.Completed, FinalCost = 0.25, EpochsCompleted = 500, Reason = "ok" };

        table.Set(finished);

        Assert.Equal(finished, table[1]);
        Assert.Equal(Pending(0), table[0]);
        Assert.Equal([TrialStatus.Pending, TrialStatus.Completed, TrialStatus.Pending], table.Select(r => r.Status));
    }

    [Fact]
    public void Statuses_ids_and_changes_need_no_record_made_and_a_snapshot_keeps_what_it_saw()
    {
        var table = Table(4);
        table.Set(Pending(2) with { Status = TrialStatus.Running });
        var before = table.Snapshot();
        _made = 0;

        table.Change(2, r => r with { Status = TrialStatus.Diverged, Reason = "cost became NaN" });

        Assert.Equal([TrialStatus.Pending, TrialStatus.Pending, TrialStatus.Diverged, TrialStatus.Pending], Enumerable.Range(0, 4).Select(table.Status));
        Assert.Equal("0000000000000002", table.Id(2));
        Assert.Equal(0, _made);
        Assert.Equal(TrialStatus.Running, before.Status(2));
        Assert.Equal("cost became NaN", table[2].Reason);
        Assert.Equal("00002-learning_rate=0.002,seed=1002", table[2].Label);
    }

    [Fact]
    public void A_table_of_finished_trials_holds_their_figures_as_columns()
    {
        const int count = 20_000;
        var started = new DateTime(2026, 12, 6, 23, 0, 0, DateTimeKind.Utc);
        long empty = GC.GetTotalMemory(forceFullCollection: true);
        var table = Table(count);
        for (int i = 0; i < count; i++)
            table.Set(Pending(i) with
            {
                Status = TrialStatus.Completed, FinalCost = i, Accuracy = 1, EpochsCompleted = 500, WallTimeSeconds = 0.001,
                StartedUtc = started, FinishedUtc = started.AddMilliseconds(1),
            });

        long held = GC.GetTotalMemory(forceFullCollection: true) - empty;

        // A status byte and six 8-byte columns with their presence bits: ~50 bytes. A record object per trial (without its
        // identity) and the table's slot took 248; kept whole (its id, label, parameters and run folder besides) ~640.
        Assert.InRange(held / (double)count, 45, 60);
        Assert.Equal(started.AddMilliseconds(1), table[count - 1].FinishedUtc);
        Assert.Equal(DateTimeKind.Utc, table[count - 1].FinishedUtc!.Value.Kind);
        GC.KeepAlive(table);
    }

    [Fact]
    public void Every_field_reads_back_as_set_and_a_field_set_to_null_reads_null()
    {
        var table = Table(2);
        var full = Pending(1) with
        {
            Status = TrialStatus.Diverged, Reason = "cost became NaN", FinalCost = double.NaN, Accuracy = 0.5, ValidationCost = 0.25,
            BestValidationCost = 0.125, ValidationAccuracy = 0.75, TestCost = double.PositiveInfinity, TestAccuracy = 0, EpochsCompleted = 7,
            WallTimeSeconds = 1.5, StartedUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), FinishedUtc = DateTime.UnixEpoch,
            ResumedFromEpoch = 3,
        };

        table.Set(full);
        Assert.Equal(full, table[1]);

        var cleared = Pending(1) with { Status = TrialStatus.Running, StartedUtc = full.StartedUtc };
        table.Set(cleared);
        Assert.Equal(cleared, table[1]);
        Assert.Equal(Pending(0), table[0]);
    }
}
