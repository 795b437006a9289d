// TEMPORARY: replaced by the data-gen branch.
namespace NnLab.Experiments.Data;
public sealed record LabeledPoints(double[][] Rows, int[] Labels);
internal static class SklearnGenerators
{
    public static LabeledPoints MakeMoons(int samples, double noise, uint seed) => throw new NotImplementedException();
    public static LabeledPoints MakeCircles(int samples, double noise, double factor, uint seed) => throw new NotImplementedException();
    public static LabeledPoints MakeBlobs(int samples, int centers, int features, double clusterStd, uint seed) => throw new NotImplementedException();
}
internal static class PlaygroundGenerators
{
    public static LabeledPoints Xor(int samples, double noise, uint seed) => throw new NotImplementedException();
    public static LabeledPoints Spiral(int samples, double noise, uint seed) => throw new NotImplementedException();
    public static LabeledPoints Gaussian(int samples, double noise, uint seed) => throw new NotImplementedException();
    public static LabeledPoints Circle(int samples, double noise, uint seed) => throw new NotImplementedException();
}
internal static class BundledDatasets
{
    public static IReadOnlyList<string> Names => ["digits", "iris"];
    public static string ReadCsv(string name) => throw new NotImplementedException();
}
