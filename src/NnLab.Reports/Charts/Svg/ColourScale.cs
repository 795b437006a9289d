using System.Globalization;

namespace NnLab.Reports.Charts.Svg;

/// <summary>Colours computed for the SVG charts: a point of the diverging scale, a lighter shade of a colour.</summary>
internal static class ColourScale
{
    /// <summary><see cref="Palette.Diverging"/> at <paramref name="t"/> in 0..1, interpolated linearly between its stops.</summary>
    public static string Diverging(double t)
    {
        var stops = Palette.Diverging;
        double at = Math.Clamp(t, 0, 1) * (stops.Length - 1);
        int i = Math.Min((int)at, stops.Length - 2);
        return Mix(stops[i], stops[i + 1], at - i);
    }

    /// <summary><paramref name="hex"/> mixed with white: <paramref name="amount"/> 0 keeps it, 1 is white.</summary>
    public static string Lighten(string hex, double amount) => Mix(hex, "#FFFFFF", amount);

    /// <summary>The colour <paramref name="t"/> of the way from <paramref name="from"/> to <paramref name="to"/> (#RRGGBB each).</summary>
    public static string Mix(string from, string to, double t)
    {
        int a = int.Parse(from.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int b = int.Parse(to.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        int Channel(int shift)
        {
            int x = (a >> shift) & 0xFF, y = (b >> shift) & 0xFF;
            return (int)Math.Round(x + (y - x) * t);
        }
        return "#" + ((Channel(16) << 16) | (Channel(8) << 8) | Channel(0)).ToString("X6", CultureInfo.InvariantCulture);
    }
}
