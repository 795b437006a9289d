using System.Text.Json;
using NnLab.Numerics;

namespace NnLab.Bench.Tests;

/// <summary>
/// The bench driver, in-process, on its one tiny workload (XOR, ~2 ms a training): what it prints must be what it
/// measured — the workload, the precision it trained in, a real time, no allocation per epoch, and the final cost
/// the same training gives through Core.
/// </summary>
public class BenchDriverTests
{
    /// <summary>tests/reference/xor_tutorial.py's network after 5000 epochs, as bench/numpy_xor.py --once prints it.</summary>
    private const double NumpyFinalCost = 0.0008924103816455728;

    private static JsonElement RunXor(string precision, string kernels)
    {
        var output = new StringWriter();
        BenchDriver.Run(["xor", "--precision", precision, "--kernels", kernels, "--repeats", "1", "--alloc", "1",
            "--warmup-seconds", "0"], output);
        string[] lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return JsonDocument.Parse(Assert.Single(lines)).RootElement.Clone();
    }

    private static void AssertDescribesXor(JsonElement line, string precision, string kernels)
    {
        Assert.Equal("xor", line.GetProperty("workload").GetString());
        Assert.Equal(precision, line.GetProperty("precision").GetString());
        Assert.Equal("nnlab-" + kernels, line.GetProperty("implementation").GetString());
        Assert.Equal(5000, line.GetProperty("epochs").GetInt32());
        double median = line.GetProperty("median_s").GetDouble();
        Assert.True(double.IsFinite(median) && median > 0, $"median_s {median}");
        Assert.Equal(0.0, line.GetProperty("bytes_per_epoch").GetDouble());
    }

    [Theory]
    [InlineData("reference")]
    [InlineData("fast")]
    public void Float64_xor_reports_the_core_training_cost_which_is_numpys(string kernels)
    {
        var line = RunXor("float64", kernels);

        AssertDescribesXor(line, "float64", kernels);
        double cost = line.GetProperty("final_cost").GetDouble();
        Assert.True(MatrixOperations.TryParse(kernels, out var choice));
        Assert.Equal(XorThroughCore.FinalCost(MatrixOperations.Create<double>(choice, 1)), cost);
        Assert.Equal(NumpyFinalCost, cost, NumpyFinalCost * 1e-12);
    }

    [Fact]
    public void Float32_xor_trains_in_float_and_reports_the_core_training_cost()
    {
        var line = RunXor("float32", "reference");

        AssertDescribesXor(line, "float32", "reference");
        double cost = line.GetProperty("final_cost").GetDouble();
        Assert.Equal(XorThroughCore.FinalCost(ReferenceMatrixOperations<float>.Instance), cost);
        // A float cost widened exactly, near the float64 one but rounded differently along the way.
        Assert.Equal((double)(float)cost, cost);
        Assert.NotEqual(NumpyFinalCost, cost);
        Assert.Equal(NumpyFinalCost, cost, NumpyFinalCost * 1e-4);
    }

    [Fact]
    public void The_handwritten_xor_loop_ends_with_the_core_training_cost_bit_for_bit()
    {
        var output = new StringWriter();
        BenchDriver.Run(["xor-handwritten", "--kernels", "reference", "--repeats", "1", "--warmup-seconds", "0"], output);
        var line = JsonDocument.Parse(output.ToString()).RootElement;

        // The driver refuses to time the loops unless their final costs agree; this is the cost they agreed on.
        Assert.Equal(XorThroughCore.FinalCost(ReferenceMatrixOperations<double>.Instance), line.GetProperty("final_cost").GetDouble());
        foreach (string variant in new[] { "nnlab", "handwritten", "sigmoids", "exps" })
            Assert.True(line.GetProperty("variants").GetProperty(variant).GetProperty("cpu_median_s").GetDouble() > 0, variant);
    }

    [Theory]
    [InlineData("--precision", "float16")]
    [InlineData("--kernels", "blas")]
    public void Unknown_choices_are_refused_by_name(string option, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => BenchDriver.Run(["xor", option, value], TextWriter.Null));
        Assert.Contains($"'{value}'", error.Message);
    }
}
