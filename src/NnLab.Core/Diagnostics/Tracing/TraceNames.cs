namespace NnLab.Diagnostics.Tracing;

/// <summary>
/// The tutorial's names for a network's values: X, then Z for a layer with parameters and A for one without, with the
/// layer number in brackets when more than one layer has parameters (Z[1], A[1], Z[2]); the output is Ŷ, unless the
/// cost takes logits. Parameters are W[1], b[1], … (W, b for a single such layer).
/// </summary>
internal sealed class TraceNames
{
    private readonly string[] _outputs;
    private readonly int[] _numbers;
    private readonly bool _numbered;

    private TraceNames(string[] outputs, int[] numbers, bool numbered) => (_outputs, _numbers, _numbered) = (outputs, numbers, numbered);

    /// <param name="hasParameters">Per layer: whether it has parameters.</param>
    /// <param name="logits">Whether the cost takes the last layer's output as logits (it is then not Ŷ).</param>
    public static TraceNames For(IReadOnlyList<bool> hasParameters, bool logits)
    {
        bool numbered = hasParameters.Count(p => p) > 1;
        var outputs = new string[hasParameters.Count];
        var numbers = new int[hasParameters.Count];
        var used = new HashSet<string> { "X" };
        int k = 0;
        for (int i = 0; i < hasParameters.Count; i++)
        {
            if (hasParameters[i]) k++;
            numbers[i] = k;
            string name = (hasParameters[i] ? "Z" : "A") + (numbered ? $"[{k}]" : "");
            if (i == hasParameters.Count - 1 && !logits) name = "Ŷ";
            while (!used.Add(name)) name += "′";
            outputs[i] = name;
        }
        return new TraceNames(outputs, numbers, numbered);
    }

    public string Input(int layer) => layer == 0 ? "X" : _outputs[layer - 1];

    public string Output(int layer) => _outputs[layer];

    public string Parameter(int layer, string name) => name + (_numbered ? $"[{_numbers[layer]}]" : "");

    /// <summary>The formula with {in}, {out} and {P} replaced by layer <paramref name="layer"/>'s names.</summary>
    public string? Substitute(string? formula, int layer, IEnumerable<string> parameters)
    {
        if (formula is null) return null;
        var text = formula.Replace("{in}", Input(layer)).Replace("{out}", Output(layer));
        foreach (var p in parameters) text = text.Replace("{" + p + "}", Parameter(layer, p));
        return text;
    }

    /// <summary>A cost's formula with {in} replaced by the prediction's name and {out} by Cost.</summary>
    public string? SubstituteCost(string? formula, string prediction) =>
        formula?.Replace("{in}", prediction).Replace("{out}", "Cost");
}
