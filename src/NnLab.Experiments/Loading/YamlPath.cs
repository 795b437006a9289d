namespace NnLab.Experiments.Loading;

/// <summary>Builds the dotted key paths shown in errors, e.g. <c>model[0].units</c>; the same syntax <c>--set</c> accepts.</summary>
internal static class YamlPath
{
    public static string Key(string parent, string key) => parent.Length == 0 ? key : $"{parent}.{key}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";
}
