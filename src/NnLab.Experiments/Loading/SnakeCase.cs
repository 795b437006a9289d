using System.Text;

namespace NnLab.Experiments.Loading;

/// <summary>Converts C# property names to YAML keys: LearningRate → learning_rate, BiasInit → bias_init, HTTPPort → http_port.</summary>
internal static class SnakeCase
{
    public static string From(string name)
    {
        var result = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && StartsWord(name, i)) result.Append('_');
            result.Append(char.ToLowerInvariant(c));
        }
        return result.ToString();
    }

    // An upper-case letter starts a word after a lower-case letter or digit, or when it ends an acronym ("HTTPPort": the second P).
    private static bool StartsWord(string name, int i)
    {
        char previous = name[i - 1];
        if (char.IsLower(previous) || char.IsDigit(previous)) return true;
        return char.IsUpper(previous) && i + 1 < name.Length && char.IsLower(name[i + 1]);
    }
}
