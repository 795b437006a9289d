using NnLab.Reports.Data;

namespace NnLab.Reports.Sweeps;

/// <summary>
/// A sweep's trials grouped by their axis values, as arrays: group slot s holds the positions
/// Members[Starts[s]..Starts[s + 1]] in index order, and the groups' order (of their first trial's index) is Order. When
/// every trial is a group of its own in position order, which is every random sweep NnLab writes, no array is kept at
/// all: slot, rank and position are the same number (12 bytes a trial less, and no sort of the groups).
/// </summary>
internal sealed class TrialGroups
{
    private readonly int[]? _members;
    private readonly int[]? _starts;
    private readonly int[]? _order;

    private TrialGroups(int count, int[]? members, int[]? starts, int[]? order)
    {
        Count = count;
        _members = members;
        _starts = starts;
        _order = order;
    }

    /// <summary>How many groups.</summary>
    public int Count { get; }

    /// <summary>Whether each trial is its own group, at its own position.</summary>
    public bool AreSingleTrials => _members is null;

    /// <summary>The slot of the group at <paramref name="rank"/> in the groups' order.</summary>
    public int SlotAt(int rank) => _order is null ? rank : _order[rank];

    public int MemberCount(int slot) => _starts is null ? 1 : _starts[slot + 1] - _starts[slot];

    /// <summary>The position of the slot's <paramref name="k"/>-th trial in index order.</summary>
    public int Member(int slot, int k) => _members is null ? slot : _members[_starts![slot] + k];

    /// <summary>
    /// Groups the trials by their values of <paramref name="axes"/>: sorts their positions by those values (an array of
    /// positions, where a dictionary of them took about 40 bytes a trial while growing), so equal values lie side by side.
    /// </summary>
    public static TrialGroups Of(SweepTrials trials, ParameterValueColumn[] axes)
    {
        int n = trials.Count;
        var members = new int[n];
        for (int p = 0; p < n; p++) members[p] = p;
        if (axes.Length > 0) members.AsSpan().Sort((a, b) => Compare(axes, a, b) is var c and not 0 ? c : a.CompareTo(b));
        int groups = n == 0 ? 0 : 1;
        for (int i = 1; i < n; i++) if (Compare(axes, members[i - 1], members[i]) != 0) groups++;
        if (groups == n && IndexesAscend(trials)) return new TrialGroups(n, null, null, null);
        return Arrays(trials, axes, members, groups);
    }

    /// <summary>The groups' arrays from the positions sorted by value (equal values in position order).</summary>
    private static TrialGroups Arrays(SweepTrials trials, ParameterValueColumn[] axes, int[] members, int groups)
    {
        var starts = new int[groups + 1];
        for (int i = 1, s = 0; i < members.Length; i++)
            if (Compare(axes, members[i - 1], members[i]) != 0) starts[++s] = i;
        starts[groups] = members.Length;
        // A group's first trial by position: it numbered the groups in the order they were first met, which breaks ties
        // of the first trials' indexes (two trials numbered alike: a file no NnLab wrote).
        var firstPosition = new int[groups];
        for (int s = 0; s < groups; s++)
        {
            firstPosition[s] = members[starts[s]];
            var segment = members.AsSpan(starts[s], starts[s + 1] - starts[s]);
            if (!IsInIndexOrder(trials, segment))
                segment.Sort((a, b) => trials.IndexAt(a) != trials.IndexAt(b) ? trials.IndexAt(a).CompareTo(trials.IndexAt(b)) : a.CompareTo(b));
        }
        var order = new int[groups];
        for (int s = 0; s < groups; s++) order[s] = s;
        order.AsSpan().Sort((a, b) => trials.IndexAt(members[starts[a]]).CompareTo(trials.IndexAt(members[starts[b]])) is var c and not 0
            ? c
            : firstPosition[a].CompareTo(firstPosition[b]));
        return new TrialGroups(groups, members, starts, order);
    }

    /// <summary>Trials by their axis values, axis after axis: any order in which equal values, and only they, compare 0.</summary>
    private static int Compare(ParameterValueColumn[] axes, int a, int b)
    {
        foreach (var axis in axes)
            if (axis.ValueAt(a).OrderAgainst(axis.ValueAt(b)) is var c and not 0) return c;
        return 0;
    }

    private static bool IndexesAscend(SweepTrials trials)
    {
        for (int p = 1; p < trials.Count; p++)
            if (trials.IndexAt(p) < trials.IndexAt(p - 1)) return false;
        return true;
    }

    private static bool IsInIndexOrder(SweepTrials trials, ReadOnlySpan<int> positions)
    {
        for (int i = 1; i < positions.Length; i++)
            if (trials.IndexAt(positions[i]) < trials.IndexAt(positions[i - 1])) return false;
        return true;
    }
}
