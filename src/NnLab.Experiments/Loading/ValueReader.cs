using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>Converts a YAML node to an option property's type, reporting a typed message when it cannot.</summary>
internal sealed class ValueReader
{
    private static readonly Type[] SimpleTypes =
        [typeof(int), typeof(long), typeof(double), typeof(float), typeof(bool), typeof(string),
         typeof(double[]), typeof(double[][]), typeof(int[]), typeof(ComponentRef)];

    private readonly ErrorCollector _errors;
    private readonly NumberReader _numbers;
    private readonly MatrixReader _matrices;
    private readonly InitializerReader _initializers;

    public ValueReader(ErrorCollector errors, InitializerReader initializers)
    {
        _errors = errors;
        _numbers = new NumberReader(errors);
        _matrices = new MatrixReader(errors);
        _initializers = initializers;
    }

    /// <summary>The property types options may use; anything else is the plugin author's mistake, reported as such.</summary>
    public static bool IsSupported(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return SimpleTypes.Contains(underlying) || underlying.IsEnum;
    }

    /// <summary>Reads <paramref name="node"/> as <paramref name="type"/>; false after reporting the problem.</summary>
    public bool TryRead(YamlNode node, Type type, string path, out object? value)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null && ScalarText.IsNull(node))
        {
            value = null;
            return true;
        }
        value = Read(node, underlying ?? type, path);
        return value is not null;
    }

    private object? Read(YamlNode node, Type type, string path)
    {
        if (type == typeof(int)) return ToInt(_numbers.ReadInteger(node, path, int.MinValue, int.MaxValue));
        if (type == typeof(long)) return _numbers.ReadInteger(node, path, long.MinValue, long.MaxValue);
        if (type == typeof(double)) return _numbers.ReadDouble(node, path);
        if (type == typeof(float)) return ReadFloat(node, path);
        if (type == typeof(bool)) return _numbers.ReadBool(node, path);
        if (type == typeof(string)) return ReadString(node, path);
        if (type == typeof(double[])) return ReadList<double>(node, path, "numbers", (n, p) => _numbers.ReadDouble(n, p));
        if (type == typeof(int[])) return ReadList<int>(node, path, "integers", (n, p) => (int?)_numbers.ReadInteger(n, p, int.MinValue, int.MaxValue));
        if (type == typeof(double[][])) return _matrices.Read(node, path, FlatList.OneRow);
        if (type == typeof(ComponentRef)) return _initializers.Read(node, path);
        return ReadEnum(node, type, path);
    }

    private static object? ToInt(long? value) => value is null ? null : (int)value.Value;

    private object? ReadFloat(YamlNode node, string path)
    {
        double? value = _numbers.ReadDouble(node, path);
        if (value is null) return null;
        if (float.IsFinite((float)value.Value)) return (float)value.Value;
        _errors.At(node, path, $"is too large for a single-precision number, got {ScalarText.Describe(node)}");
        return null;
    }

    private string? ReadString(YamlNode node, string path)
    {
        if (node is YamlScalarNode scalar && !ScalarText.IsNull(node)) return scalar.Value ?? "";
        _errors.At(node, path, $"expected a string, got {ScalarText.Describe(node)}");
        return null;
    }

    private T[]? ReadList<T>(YamlNode node, string path, string what, Func<YamlNode, string, T?> readItem) where T : struct
    {
        if (node is not YamlSequenceNode sequence)
        {
            _errors.At(node, path, $"expected a list of {what}, got {ScalarText.Describe(node)}");
            return null;
        }
        var items = new T[sequence.Children.Count];
        bool ok = true;
        for (int i = 0; i < items.Length; i++)
        {
            T? item = readItem(sequence.Children[i], YamlPath.Index(path, i));
            ok &= item.HasValue;
            items[i] = item.GetValueOrDefault();
        }
        return ok ? items : null;
    }

    private object? ReadEnum(YamlNode node, Type type, string path)
    {
        var names = Enum.GetNames(type).ToDictionary(SnakeCase.From, n => n);
        if (node is YamlScalarNode scalar && scalar.Value is { } text && names.TryGetValue(text, out string? member))
            return Enum.Parse(type, member);
        string message = $"expected one of {string.Join(", ", names.Keys)}, got {ScalarText.Describe(node)}";
        if (node is YamlScalarNode { Value: { } v } && Suggest.Nearest(v, names.Keys) is { } near)
            message += $"; did you mean '{near}'?";
        _errors.At(node, path, message);
        return null;
    }
}
