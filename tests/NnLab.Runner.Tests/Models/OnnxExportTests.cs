using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using NnLab.Experiments;
using NnLab.Registry;
using NnLab.Runner.Models;

namespace NnLab.Runner.Tests.Models;

/// <summary>Exported ONNX files run in ONNX Runtime and give NnLab's outputs (float32 against float64: within 1e-5).</summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("xor.yaml")]                      // sigmoid, half squared error
    [InlineData("iris.yaml")]                     // zscore, relu, softmax cross-entropy (Softmax appended)
    [InlineData("xor-relu.yaml")]                 // a 2-8-8-2 relu network
    [InlineData("moons.yaml")]                    // binary cross-entropy from logits (Sigmoid appended)
    [InlineData("moons.yaml", "data.features=[x2, {product: [x1, x2], name: x3}, x1]")] // x3 = x1·x2 as Gather + Mul + Concat
    public async Task Exported_model_matches_nnlab_in_onnx_runtime(string file, params string[] overrides)
    {
        var experiment = ModelTestRuns.Load(file, null, [.. overrides, "training.epochs=300"]);
        var model = Model.Load(await ModelTestRuns.Train(experiment, _dir.Combine("run")));
        var rows = ModelTestRuns.RawRows(experiment);

        AssertOnnxMatches(model, rows);
    }

    [Fact]
    public async Task Leaky_relu_tanh_and_minmax_export_too()
    {
        var experiment = ModelTestRuns.Load("xor-3layer.yaml", null, "training.epochs=200", "model[1]={leaky_relu: {alpha: 0.2}}",
            "model[3]=tanh", "data.normalize=minmax");
        var model = Model.Load(await ModelTestRuns.Train(experiment, _dir.Combine("run")));
        AssertOnnxMatches(model, ModelTestRuns.RawRows(experiment));
    }

    [Fact]
    public async Task A_layer_without_a_mapping_is_refused_by_name_and_a_plugins_mapping_is_used()
    {
        var registry = ComponentRegistry.CreateWithBuiltIns();
        registry.Register(typeof(TestLayers.Doubler<>), new RegisterAttribute("doubler"), "test");
        registry.Register(typeof(TestLayers.ExportableDoubler<>), new RegisterAttribute("exportable_doubler"), "test");

        var refused = ModelTestRuns.Load("xor.yaml", registry, "training.epochs=10", "model[1]=doubler");
        var model = Model.Load(await ModelTestRuns.Train(refused, _dir.Combine("refused")), registry);
        var error = Assert.Throws<ModelException>(() => model.ExportOnnx(new MemoryStream()));
        Assert.Contains("layer 1 'doubler' has no ONNX mapping", error.Message);

        var mapped = ModelTestRuns.Load("xor.yaml", registry, "training.epochs=10", "model[1]=exportable_doubler");
        AssertOnnxMatches(Model.Load(await ModelTestRuns.Train(mapped, _dir.Combine("mapped")), registry), ModelTestRuns.RawRows(mapped));
    }

    private static void AssertOnnxMatches(Model model, RawTable rows)
    {
        var expected = model.Predict(rows).Outputs;
        using var onnx = new MemoryStream();
        model.ExportOnnx(onnx);

        using var session = new InferenceSession(onnx.ToArray());
        var input = new DenseTensor<float>([rows.Rows.Count, model.InputColumns.Count]);
        var columns = model.InputColumns.Select(rows.IndexOf).ToArray();
        for (int r = 0; r < rows.Rows.Count; r++)
            for (int c = 0; c < columns.Length; c++)
                input[r, c] = float.Parse(rows.Rows[r][columns[c]], System.Globalization.CultureInfo.InvariantCulture);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("input", input)]);
        var output = results.Single(r => r.Name == "output").AsTensor<float>();

        Assert.Equal([rows.Rows.Count, model.OutputSize], output.Dimensions.ToArray());
        double worst = 0;
        for (int r = 0; r < rows.Rows.Count; r++)
            for (int k = 0; k < model.OutputSize; k++)
                worst = Math.Max(worst, Math.Abs(output[r, k] - expected[k, r]));
        Assert.True(worst <= 1e-5, $"largest difference {worst}");
    }
}
