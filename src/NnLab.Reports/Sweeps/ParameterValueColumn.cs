using NnLab.Reports.Data;

namespace NnLab.Reports.Sweeps;

/// <summary>One axis's values by trial position; a trial without the parameter has the empty text (as a page shows it).</summary>
internal sealed class ParameterValueColumn(SweepTrials trials, string name)
{
    // Looked up once: grouping reads a value per comparison, a million trials' sort some 40 million of them.
    private readonly ParameterColumn? _column = trials.ColumnOf(name);

    public ParameterValue ValueAt(int position) => _column?[position] ?? ParameterValue.OfText("");
}
