using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>The one place YAML text is parsed. YamlDotNet reports syntax errors only by throwing.</summary>
internal static class YamlParsing
{
    public static YamlStream? TryLoad(string text, out YamlException? error)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
            error = null;
            return stream;
        }
        catch (YamlException e)
        {
            error = e;
            return null;
        }
    }

    /// <summary>YamlDotNet's message without its "(Line: 1, Col: 5, ...)" position suffix, which the error already carries.</summary>
    public static string Describe(YamlException error)
    {
        string message = error.Message;
        int position = message.IndexOf("(Line:", StringComparison.Ordinal);
        if (position > 0) message = message[..position].TrimEnd();
        return $"YAML syntax error: {message}";
    }
}
