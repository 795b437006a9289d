using NnLab.Reports.Sweeps;

namespace NnLab.Reports.Tests;

/// <summary>The report's tables rank without sorting every row: the same first rows as a stable sort and a take.</summary>
public sealed class FirstRankedTests
{
    [Theory]
    [InlineData(0, 10)]
    [InlineData(5, 3)]
    [InlineData(2000, 200)]
    [InlineData(150, 200)]
    public void The_first_rows_are_those_of_a_stable_sort_ties_and_NaN_included(int count, int take)
    {
        var random = new Random(count);
        // Few distinct keys (many ties) and NaNs, each item told apart by its position.
        var items = Enumerable.Range(0, count).Select(i => (Key: random.Next(8) == 0 ? double.NaN : random.Next(20), Position: i)).ToList();

        var first = FirstRanked.Take(items, take, (a, b) => a.Key.CompareTo(b.Key));

        Assert.Equal(items.OrderBy(x => x.Key).Take(take), first);
    }
}
