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
    public void A_table_of_finished_trials_holds_no_identity_strings()
    {
        const int count = 20_000;
        long empty = GC.GetTotalMemory(forceFullCollection: true);
        var table = Table(count);
        for (int i = 0; i < count; i++) table.Set(Pending(i) with { Status = TrialStatus.Completed, FinalCost = i, EpochsCompleted = 500 });

        long held = GC.GetTotalMemory(forceFullCollection: true) - empty;

        // The record without its identity and the table's slot: 248 bytes measured. Kept whole (its id, label, parameters and
        // run folder besides) a record here takes ~640.
        Assert.InRange(held / (double)count, 200, 320);
        GC.KeepAlive(table);
    }
}
