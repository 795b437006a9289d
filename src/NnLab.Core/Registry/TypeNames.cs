namespace NnLab.Registry;

/// <summary>Type names as C# writes them, for messages: <c>NnLab.Layers.SigmoidLayer&lt;T&gt;</c>, not <c>SigmoidLayer`1</c>.</summary>
public static class TypeNames
{
    public static string Display(Type type)
    {
        string name = type.FullName ?? type.Name;
        if (!type.IsGenericType) return name;
        string bare = name[..name.IndexOf('`')];
        return $"{bare}<{string.Join(", ", type.GetGenericArguments().Select(a => a.IsGenericParameter ? a.Name : Short(a)))}>";
    }

    private static string Short(Type type) => type == typeof(double) ? "double" : type == typeof(float) ? "float" : Display(type);
}
