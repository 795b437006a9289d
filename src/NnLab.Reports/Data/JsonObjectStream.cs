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
    private readonly Action<JsonElement, long> _element;
    private Phase _phase = Phase.Start;
    private string _name = "";

    /// <summary>The file offset of the buffer's first byte: with a token's index in the buffer, where an element starts.</summary>
    private long _bufferStart;

    private JsonObjectStream(string arrayName, Action<string, JsonElement> property, Action<JsonElement, long> element)
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
    public static void Read(string path, string arrayName, Action<string, JsonElement> property, Action<JsonElement> element) =>
        Read(path, arrayName, property, (e, _) => element(e));

    /// <summary>
    /// As <see cref="Read(string, string, Action{string, JsonElement}, Action{JsonElement})"/>, also passing each element's
    /// byte offset in the file, where <see cref="ValueAt"/> reads it again.
    /// </summary>
    public static void Read(string path, string arrayName, Action<string, JsonElement> property, Action<JsonElement, long> element)
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
            walker._bufferStart += consumed;
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
                long offset = _bufferStart + reader.TokenStartIndex;
                if (!Value(ref reader, before, out var item)) return false;
                _element(item.RootElement, offset);
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

    /// <summary>
    /// The JSON value starting at <paramref name="offset"/> of <paramref name="stream"/> (an offset <see cref="Read(string, string, Action{string, JsonElement}, Action{JsonElement, long})"/>
    /// reported), read in a buffer that grows until the value fits. Dispose the document.
    /// </summary>
    /// <exception cref="JsonException">No whole value starts there.</exception>
    public static JsonDocument ValueAt(Stream stream, long offset)
    {
        stream.Seek(offset, SeekOrigin.Begin);
        var buffer = new byte[4096];
        int length = 0;
        while (true)
        {
            int read = stream.Read(buffer, length, buffer.Length - length);
            length += read;
            var reader = new Utf8JsonReader(buffer.AsSpan(0, length), isFinalBlock: read == 0, default);
            if (JsonDocument.TryParseValue(ref reader, out var document)) return document;
            if (read == 0) throw new JsonException($"no whole JSON value at offset {offset}");
            if (length == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
        }
    }
}
