using System.Collections;
using System.Globalization;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The trials of a sweep too large to hold their experiments (<see cref="SweepLoader.HeldExperiments"/>), kept as a
/// table of 10 bytes a trial: its id as a number, which of the distinct data sets it trains on and which of the
/// distinct together keys it has (a byte each while there are fewer than 255 of them, as in nearly every sweep).
/// Each <see cref="SweepTrial"/> is made when asked for, its label and parameters derived from its number
/// (<see cref="TrialDefinitions"/>) and its experiment loaded again, so a sweep of a million trials holds 10 MB of
/// them, however long their labels and however many their parameters.
/// </summary>
internal sealed class LeanTrials : IReadOnlyList<SweepTrial>
{
    private readonly ulong[] _ids;
    private readonly SmallNumbers _dataSetOf;
    private readonly SmallNumbers _togetherOf;
    private readonly TrialDefinitions _parameters;
    private readonly IReadOnlyList<ExperimentData> _dataSets;
    private readonly TrialBuilder _builder;
    private readonly List<string> _togetherKeys = [];
    private readonly Dictionary<string, int> _togetherNumbers = new(StringComparer.Ordinal);

    /// <summary>Room for every trial of <paramref name="parameters"/>, filled by <see cref="Set"/> as each is checked.</summary>
    public LeanTrials(TrialDefinitions parameters, IReadOnlyList<ExperimentData> dataSets, TrialBuilder builder)
    {
        _ids = new ulong[parameters.Count];
        _dataSetOf = new SmallNumbers(parameters.Count);
        _togetherOf = new SmallNumbers(parameters.Count);
        _parameters = parameters;
        _dataSets = dataSets;
        _builder = builder;
    }

    /// <summary>Records trial <paramref name="index"/>, checked: its id, the index of its data in the data sets, its together key.</summary>
    public void Set(int index, string id, int dataSet, string? togetherKey)
    {
        int together = -1;
        if (togetherKey is not null && !_togetherNumbers.TryGetValue(togetherKey, out together))
        {
            together = _togetherKeys.Count;
            _togetherKeys.Add(togetherKey);
            _togetherNumbers.Add(togetherKey, together);
        }
        _ids[index] = ulong.Parse(id, NumberStyles.AllowHexSpecifier);
        _dataSetOf[index] = dataSet;
        _togetherOf[index] = together;
    }

    public int Count => _ids.Length;

    public SweepTrial this[int index]
    {
        get
        {
            int together = _togetherOf[index];
            // The id's 16 hex digits, as SweepHash.TrialId wrote them.
            return new SweepTrial(index, _ids[index].ToString("x16", CultureInfo.InvariantCulture), _dataSets[_dataSetOf[index]],
                together < 0 ? null : _togetherKeys[together], this);
        }
    }

    public IEnumerator<SweepTrial> GetEnumerator()
    {
        for (int i = 0; i < _ids.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public string Label(int index) => _parameters.Label(index);

    public IReadOnlyList<SweepParameter> Parameters(int index) => _parameters.Of(index);

    /// <summary>Trial <paramref name="index"/>'s experiment, loaded again (<see cref="TrialBuilder.Reload"/>).</summary>
    public Experiment Load(int index) => _builder.Reload(index, _dataSets[_dataSetOf[index]]);

    /// <summary>A number from -1 per trial: a byte each while every one is below 254, an int each from the first that is not.</summary>
    private sealed class SmallNumbers(int count)
    {
        // Bytes hold the number + 1, so -1 is 0.
        private byte[]? _bytes = new byte[count];
        private int[]? _numbers;

        public int this[int index]
        {
            get => _numbers is { } numbers ? numbers[index] : _bytes![index] - 1;
            set
            {
                if (_numbers is null && value < byte.MaxValue)
                {
                    _bytes![index] = (byte)(value + 1);
                    return;
                }
                _numbers ??= Widen();
                _numbers[index] = value;
            }
        }

        private int[] Widen()
        {
            var numbers = new int[count];
            for (int i = 0; i < count; i++) numbers[i] = _bytes![i] - 1;
            _bytes = null;
            return numbers;
        }
    }
}
