using System.Collections;
using System.Globalization;

namespace NnLab.Experiments.Sweeps;

/// <summary>
/// The trials of a sweep too large to hold their experiments (<see cref="SweepLoader.HeldExperiments"/>), kept as a
/// table of 16 bytes a trial: its id as a number, which of the distinct data sets it trains on and which of the
/// distinct together keys it has. Each <see cref="SweepTrial"/> is made when asked for, its label and parameters
/// derived from its number (<see cref="TrialDefinitions"/>) and its experiment loaded again, so a sweep of a million
/// trials holds 16 MB of them, however long their labels and however many their parameters.
/// </summary>
internal sealed class LeanTrials : IReadOnlyList<SweepTrial>
{
    private readonly Row[] _rows;
    private readonly TrialDefinitions _parameters;
    private readonly IReadOnlyList<ExperimentData> _dataSets;
    private readonly TrialBuilder _builder;
    private readonly List<string> _togetherKeys = [];
    private readonly Dictionary<string, int> _togetherNumbers = new(StringComparer.Ordinal);

    /// <summary>Room for every trial of <paramref name="parameters"/>, filled by <see cref="Set"/> as each is checked.</summary>
    public LeanTrials(TrialDefinitions parameters, IReadOnlyList<ExperimentData> dataSets, TrialBuilder builder)
    {
        _rows = new Row[parameters.Count];
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
        _rows[index] = new Row(ulong.Parse(id, NumberStyles.AllowHexSpecifier), dataSet, together);
    }

    public int Count => _rows.Length;

    public SweepTrial this[int index]
    {
        get
        {
            var row = _rows[index];
            // The id's 16 hex digits, as SweepHash.TrialId wrote them.
            return new SweepTrial(index, row.Id.ToString("x16", CultureInfo.InvariantCulture), _dataSets[row.DataSet],
                row.Together < 0 ? null : _togetherKeys[row.Together], this);
        }
    }

    public IEnumerator<SweepTrial> GetEnumerator()
    {
        for (int i = 0; i < _rows.Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public string Label(int index) => _parameters.Label(index);

    public IReadOnlyList<SweepParameter> Parameters(int index) => _parameters.Of(index);

    /// <summary>Trial <paramref name="index"/>'s experiment, loaded again (<see cref="TrialBuilder.Reload"/>).</summary>
    public Experiment Load(int index) => _builder.Reload(index, _dataSets[_rows[index].DataSet]);

    private readonly record struct Row(ulong Id, int DataSet, int Together);
}
