namespace NnLab.Reports.Charts;

/// <summary>
/// The reports' colours as hex strings, shared by the SVG charts and the ScottPlot ones (<see cref="Charting"/>). Kept
/// free of ScottPlot types, so a report drawn by the SVG writer never loads ScottPlot or Skia.
/// </summary>
internal static class Palette
{
    /// <summary>Classes and compared runs, distinguishable in print and for most colour vision (Okabe–Ito).</summary>
    public static readonly string[] Categorical =
        ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"];

    public const string Diverged = "#D62728";

    /// <summary>The decision boundary's diverging scale for an output in 0..1: blue (low), near white (0.5), orange (high).</summary>
    public static readonly string[] Diverging = ["#3B75AF", "#F7F7F7", "#E08214"];

    /// <summary>The training points of the first two classes: darker than the scale's ends, so they stand out on either.</summary>
    public static readonly string[] ClassPoints = ["#08306B", "#7F2704"];

    /// <summary>The colour of class <paramref name="k"/>'s training points.</summary>
    public static string ClassPoint(int k) => k < ClassPoints.Length ? ClassPoints[k] : Categorical[k % Categorical.Length];
}
