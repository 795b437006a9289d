using System.Text.Json;

namespace NnLab.Reports.Data;

/// <summary>
/// Reads a JSON file whose top level is an object one property at a time, and the elements of one array property one
/// by one, each parsed on its own: a 100,000-trial trials.json (60 MB) is read in a 64 KB buffer plus one trial's
/// document at a time, where parsing it whole took the text twice over and the document besides.
/// </summary>
internal sealed class JsonObjectStream
{
    private enum Phase { Start, PropertyName, PropertyValue, Elements, Done }

    private readonly string _arrayName;
    private readonly Action<string, JsonElement> _property;
    private readonly Action<JsonElement> _element;
    private Phase _phase = Phase.Start;
    private string _name = "";

    private JsonObjectStream(string arrayName, Action<string, JsonElement> property, Action<JsonElement> element)
    {
        _arrayName = arrayName;
        _property = property;
        _element = element;
    }

    /// <summary>
    /// Calls <paramref name="property"/> for each top-level property but <paramref name="arrayName"/>, and
    /// <paramref name="element"/> for each element of that array when it is one. The elements are valid only during the call.
    /// </summary>
    /// <exception cref="JsonException">Not a JSON object, or torn.</exception>
    public static void Read(string path, string arrayName, Action<string, JsonElement> property, Action<JsonElement> element)
    {
        var walker = new JsonObjectStream(arrayName, property, element);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        var buffer = new byte[1 << 16];
        int length = 0;
        bool final = false;
        var state = new JsonReaderState();
        while (walker._phase != Phase.Done)
        {
            int consumed = walker.Walk(buffer.AsSpan(0, length), final, ref state);
            if (walker._phase == Phase.Done) break;
            if (final) throw new JsonException($"'{path}' ends before its top-level object does");
            // Keep what was not consumed (a value split across reads); a value longer than the buffer doubles it.
            Buffer.BlockCopy(buffer, consumed, buffer, 0, length - consumed);
            length -= consumed;
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int read = stream.Read(buffer, length, buffer.Length - length);
            length += read;
            final = read == 0;
        }
    }

    /// <summary>Reads as many whole tokens and values as <paramref name="data"/> holds; returns the bytes consumed.</summary>
    private int Walk(ReadOnlySpan<byte> data, bool final, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, final, state);
        while (_phase != Phase.Done && Step(ref reader)) { }
        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    /// <summary>One token or value; false when the data ends first (the reader is left where it was).</summary>
    private bool Step(ref Utf8JsonReader reader)
    {
        var before = reader;
        switch (_phase)
        {
            case Phase.Start:
                if (!reader.Read()) return false;
                if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("the top level is not an object");
                _phase = Phase.PropertyName;
                return true;
            case Phase.PropertyName:
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.EndObject) _phase = Phase.Done;
                else
                {
                    _name = reader.GetString()!;
                    _phase = Phase.PropertyValue;
                }
                return true;
            case Phase.PropertyValue:
                if (!reader.Read()) return false;
                if (_name == _arrayName && reader.TokenType == JsonTokenType.StartArray)
                {
                    _phase = Phase.Elements;
                    return true;
                }
                if (!Value(ref reader, before, out var value)) return false;
                _property(_name, value.RootElement);
                value.Dispose();
                _phase = Phase.PropertyName;
                return true;
            default: // Elements
                if (!reader.Read()) return false;
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    _phase = Phase.PropertyName;
                    return true;
                }
                if (!Value(ref reader, before, out var item)) return false;
                _element(item.RootElement);
                item.Dispose();
                return true;
        }
    }

    /// <summary>
    /// The value starting at the reader's token; when the data ends inside it, the reader goes back to
    /// <paramref name="before"/> (ahead of that token) so the next buffer reads the value from its start.
    /// </summary>
    private static bool Value(ref Utf8JsonReader reader, Utf8JsonReader before, out JsonDocument value)
    {
        if (JsonDocument.TryParseValue(ref reader, out var document))
        {
            value = document;
            return true;
        }
        reader = before;
        value = null!;
        return false;
    }
}
