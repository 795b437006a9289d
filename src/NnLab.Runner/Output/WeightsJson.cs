using NnLab.Numerics;
using NnLab.Registry;

namespace NnLab.Runner.Output;

/// <summary>weights.json: each layer's parameters (W, b: lists of rows) as initialised and after training.</summary>
internal static class WeightsJson
{
    public sealed record Document(IReadOnlyList<LayerWeights> Layers);

    public sealed record LayerWeights(
        int Index,
        string Type,
        IReadOnlyDictionary<string, object> Initial,
        IReadOnlyDictionary<string, object> Final);

    public static void Write(string path, IReadOnlyList<ComponentSpec> model,
        IReadOnlyList<IReadOnlyDictionary<string, Matrix<double>>> initial, IReadOnlyList<IReadOnlyDictionary<string, Matrix<double>>> final, Precision precision)
    {
        var layers = model.Select((spec, i) => new LayerWeights(i, spec.Name, Rows(initial[i], precision), Rows(final[i], precision))).ToList();
        RunJson.Write(path, new Document(layers));
    }

    /// <summary>Rows of doubles, or of floats for a float32 run (so they print as the floats they are).</summary>
    private static IReadOnlyDictionary<string, object> Rows(IReadOnlyDictionary<string, Matrix<double>> parameters, Precision precision) =>
        parameters.ToDictionary(p => p.Key,
            p => precision == Precision.Float32 ? p.Value.ConvertTo<float>().ToRows() : (object)p.Value.ToRows());
}
