namespace NnLab.Reports.Sweeps;

/// <summary>
/// The first few items of a ranking, as a stable sort followed by a take gives them (equal items keep their order), in
/// room for those few only: a table of the best 200 of 100,000 trials sorted no list of 100,000.
/// </summary>
internal static class FirstRanked
{
    public static List<T> Take<T>(IEnumerable<T> items, int count, Comparison<T> compare)
    {
        var first = new List<T>(count + 1);
        foreach (var item in items)
        {
            if (first.Count == count && (count == 0 || compare(item, first[^1]) >= 0)) continue;
            // After every item that ranks equal: the earlier one stays first, as a stable sort keeps it.
            int at = first.Count;
            while (at > 0 && compare(item, first[at - 1]) < 0) at--;
            first.Insert(at, item);
            if (first.Count > count) first.RemoveAt(count);
        }
        return first;
    }
}
