using System.Reflection;

namespace NnLab.Experiments.Data;

/// <summary>
/// Small classic datasets embedded in this assembly as CSV text with a header row (sources and licences in
/// <c>Data/Datasets/LICENSE-DATA.md</c>):
/// <c>iris</c> — 150 rows, <c>sepal_length,sepal_width,petal_length,petal_width,species</c>, species
/// <c>setosa</c>/<c>versicolor</c>/<c>virginica</c>, 50 each;
/// <c>digits</c> — 1797 rows of 8×8 images, <c>p0..p63</c> (integers 0..16, row by row) and <c>digit</c> (0..9).
/// The numbers are written exactly as scikit-learn stores them (5.1, 3.0; 0..16).
/// </summary>
internal static class BundledDatasets
{
    private static readonly string[] KnownNames = ["iris", "digits"];

    /// <summary>The names <see cref="ReadCsv"/> accepts: iris, digits.</summary>
    public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(KnownNames);

    /// <summary>The CSV text of the dataset <paramref name="name"/> (case-insensitive), header row first, lines ending in \n.</summary>
    /// <exception cref="ArgumentException">No bundled dataset has that name; the message lists the known ones.</exception>
    public static string ReadCsv(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string? known = KnownNames.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        if (known is null)
            throw new ArgumentException(
                $"Unknown bundled dataset '{name}'. Known datasets: {string.Join(", ", KnownNames)}.", nameof(name));
        string resource = $"NnLab.Experiments.Data.Datasets.{known}.csv";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"The embedded resource {resource} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
