using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>Reads single numbers from YAML scalars, reporting why a value is not one.</summary>
internal sealed class NumberReader
{
    private readonly ErrorCollector _errors;

    public NumberReader(ErrorCollector errors) => _errors = errors;

    /// <summary>A finite double, or null after reporting the problem.</summary>
    public double? ReadDouble(YamlNode node, string path)
    {
        if (!IsPlainScalar(node, "a number", path, out string text)) return null;
        switch (ScalarText.ParseNumber(text, out double value))
        {
            case NumberKind.Finite:
                return value;
            case NumberKind.NonFinite:
                _errors.At(node, path, $"must be a finite number, got '{text}'");
                return null;
            default:
                _errors.At(node, path, $"expected a number, got {ScalarText.Describe(node)}");
                return null;
        }
    }

    /// <summary>An integer within [<paramref name="min"/>, <paramref name="max"/>] (the target type's range), or null after reporting.</summary>
    public long? ReadInteger(YamlNode node, string path, long min, long max)
    {
        if (!IsPlainScalar(node, "an integer", path, out string text)) return null;
        if (!ScalarText.IsInteger(text, out long? value))
        {
            _errors.At(node, path, $"expected an integer, got {ScalarText.Describe(node)}");
            return null;
        }
        if (value is null || value < min || value > max)
        {
            _errors.At(node, path, $"expected an integer between {min} and {max}, got '{text}'");
            return null;
        }
        return value;
    }

    public bool? ReadBool(YamlNode node, string path)
    {
        if (!IsPlainScalar(node, "true or false", path, out string text)) return null;
        if (ScalarText.TryParseBool(text, out bool value)) return value;
        _errors.At(node, path, $"expected true or false, got {ScalarText.Describe(node)}");
        return null;
    }

    // Quoted text is a string in YAML ("3" is not 3), so numbers and booleans must be plain scalars.
    private bool IsPlainScalar(YamlNode node, string expected, string path, out string text)
    {
        text = "";
        if (node is YamlScalarNode scalar && !ScalarText.IsNull(node) && !ScalarText.IsQuoted(scalar))
        {
            text = scalar.Value ?? "";
            return true;
        }
        _errors.At(node, path, $"expected {expected}, got {ScalarText.Describe(node)}");
        return false;
    }
}
