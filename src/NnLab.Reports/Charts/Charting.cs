using ScottPlot;

namespace NnLab.Reports.Charts;

/// <summary>Shared ScottPlot settings: log axes (values plotted as log10 with 10^k labels), colours, fonts.</summary>
internal static class Charting
{
    /// <summary>The colours of classes and compared runs, distinguishable in print and for most colour vision (Okabe–Ito).</summary>
    public static readonly Color[] Categorical =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#CC79A7"),
        Color.FromHex("#56B4E9"), Color.FromHex("#D55E00"), Color.FromHex("#F0E442"), Color.FromHex("#000000"),
    ];

    public static readonly Color Diverged = Color.FromHex("#D62728");

    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.Axes.Title.Label.FontSize = 16;
        return plot;
    }

    /// <summary>log10 of the value, or NaN when it is not positive (not drawn on a log axis).</summary>
    public static double Log(double value) => value > 0 && double.IsFinite(value) ? Math.Log10(value) : double.NaN;

    /// <summary>Makes <paramref name="axis"/> read as a log axis: data are log10 values, ticks at powers of ten labelled with the value.</summary>
    public static void LogAxis(IAxis axis)
    {
        axis.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = PowerOfTen,
        };
    }

    private static string PowerOfTen(double exponent)
    {
        double value = Math.Pow(10, exponent);
        return exponent is >= -3 and <= 4 ? Format.Number(value, 4) : $"1e{exponent:0}";
    }

    /// <summary>A sequential colour for a fraction 0..1 (viridis, stopping before its palest yellow so lines stay visible on white).</summary>
    public static Color Sequential(double fraction) =>
        new ScottPlot.Colormaps.Viridis().GetColor(Math.Clamp(fraction, 0, 1) * 0.9);
}
