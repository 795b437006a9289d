namespace NnLab.TestPlugins.Helper;

public static class Doubler
{
    public static double Twice(double value) => 2 * value;
}
