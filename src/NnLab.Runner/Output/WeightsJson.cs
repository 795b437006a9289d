using NnLab.Registry;

namespace NnLab.Runner.Output;

/// <summary>weights.json: each layer's parameters (W, b: lists of rows) as initialised and after training.</summary>
internal static class WeightsJson
{
    public sealed record Document(IReadOnlyList<LayerWeights> Layers);

    public sealed record LayerWeights(
        int Index,
        string Type,
        IReadOnlyDictionary<string, double[][]> Initial,
        IReadOnlyDictionary<string, double[][]> Final);

    public static void Write(string path, IReadOnlyList<ComponentSpec> model,
        IReadOnlyList<IReadOnlyDictionary<string, Matrix>> initial, IReadOnlyList<IReadOnlyDictionary<string, Matrix>> final)
    {
        var layers = model.Select((spec, i) => new LayerWeights(i, spec.Name, Rows(initial[i]), Rows(final[i]))).ToList();
        RunJson.Write(path, new Document(layers));
    }

    private static IReadOnlyDictionary<string, double[][]> Rows(IReadOnlyDictionary<string, Matrix> parameters) =>
        parameters.ToDictionary(p => p.Key, p => p.Value.ToRows());
}
