using System.Collections;

namespace NnLab.Runner.Sweeps;

/// <summary>A read-only list whose items are made when read, by <c>item(index)</c>: a view of a large sweep that holds none of them.</summary>
internal sealed class IndexedList<T>(int count, Func<int, T> item) : IReadOnlyList<T>
{
    public int Count => count;

    public T this[int index] => (uint)index < (uint)count ? item(index) : throw new ArgumentOutOfRangeException(nameof(index));

    public IEnumerator<T> GetEnumerator()
    {
        for (int i = 0; i < count; i++) yield return item(i);
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
