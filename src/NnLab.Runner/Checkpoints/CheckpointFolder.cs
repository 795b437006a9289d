using System.Globalization;
using System.Text.Json;
using NnLab.Numerics;
using NnLab.Runner.Output;
using NnLab.Training;

namespace NnLab.Runner.Checkpoints;

/// <summary>
/// A run folder's named checkpoints, <c>checkpoints/NAME/</c> (<c>last</c>: where training stood most recently):
/// one <c>.npy</c> file per array (NumPy reads them: <c>np.load("checkpoints/last/layer0.W.npy")</c>) and
/// <c>checkpoint.json</c> for the rest, every float64 scalar with its exact bits beside its decimal form.
/// </summary>
/// <remarks>
/// A checkpoint is replaced as a whole, so a process killed at any moment leaves the old one or the new one:
/// the new one is written into <c>NAME.tmp/</c>, its <c>checkpoint.json</c> last (a folder without it is
/// incomplete); then <c>NAME/</c> is renamed to <c>NAME.old.tmp/</c>, <c>NAME.tmp/</c> to <c>NAME/</c>, and the old one
/// deleted. A reader takes <c>NAME/</c>, else a complete <c>NAME.tmp/</c> (killed between the two renames), else a
/// complete <c>NAME.old.tmp/</c>; <see cref="Settle"/> puts it back in place and removes the leftovers.
/// </remarks>
internal static class CheckpointFolder
{
    public const string Root = "checkpoints";
    public const string Last = "last";
    public const string Manifest = "checkpoint.json";
    public const int Format = 1;

    private const string InitKey = "init_stream.key";
    private const string ShuffleKey = "shuffle_stream.key";

    /// <summary>Whether each file is forced to the disk before the swap (a power cut, not only a killed process).</summary>
    public static bool FlushToDisk { get; set; }

    public static string PathOf(string runFolder, string name) => Path.Combine(runFolder, Root, name);

    /// <summary>Writes checkpoint <paramref name="name"/> of <paramref name="runFolder"/>, replacing the previous one atomically.</summary>
    public static void Write(string runFolder, string name, RunCheckpoint checkpoint)
    {
        string target = PathOf(runFolder, name), temp = target + ".tmp", old = target + ".old.tmp";
        DeleteFolder(temp);
        Directory.CreateDirectory(temp);
        var training = checkpoint.Training;
        foreach (var (arrayName, array) in training.Arrays)
        {
            CheckName(arrayName);
            WriteFile(Path.Combine(temp, arrayName + ".npy"), s => NpyFile.Write(s, array.Values, array.Rows, array.Cols));
        }
        if (checkpoint.InitStream is { } init)
            WriteFile(Path.Combine(temp, InitKey + ".npy"), s => NpyFile.Write(s, init.Key, init.Key.Length));
        if (training.Shuffle is { } shuffle)
            WriteFile(Path.Combine(temp, ShuffleKey + ".npy"), s => NpyFile.Write(s, shuffle.Key, shuffle.Key.Length));
        WriteFile(Path.Combine(temp, Manifest), s =>
        {
            using var writer = RunJson.CreateWriter(s);
            WriteManifest(writer, checkpoint);
        });

        if (Directory.Exists(target))
        {
            DeleteFolder(old);
            Directory.Move(target, old);
        }
        Directory.Move(temp, target);
        DeleteFolder(old);
    }

    /// <summary>The folder holding the complete checkpoint <paramref name="name"/>, or null (see the remarks).</summary>
    public static string? Locate(string runFolder, string name)
    {
        string target = PathOf(runFolder, name);
        if (Directory.Exists(target)) return target;
        foreach (string candidate in new[] { target + ".tmp", target + ".old.tmp" })
            if (File.Exists(Path.Combine(candidate, Manifest))) return candidate;
        return null;
    }

    /// <summary>Puts the located checkpoint back at <c>NAME/</c> and removes the interrupted write's leftovers.</summary>
    public static void Settle(string runFolder, string name)
    {
        string target = PathOf(runFolder, name);
        if (Locate(runFolder, name) is { } found && found != target) Directory.Move(found, target);
        DeleteFolder(target + ".tmp");
        DeleteFolder(target + ".old.tmp");
    }

    /// <summary>Reads the checkpoint in <paramref name="folder"/>; throws <see cref="InvalidDataException"/> when it is damaged.</summary>
    public static RunCheckpoint Read(string folder)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder, Manifest)));
            var root = document.RootElement;
            int format = root.GetProperty("format").GetInt32();
            if (format != Format) throw new InvalidDataException($"checkpoint format {format}, this NnLab reads {Format}");
            string precision = root.GetProperty("precision").GetString()!;
            var elementType = precision == "float32" ? typeof(float) : typeof(double);
            var training = new TrainingCheckpoint
            {
                NextEpoch = root.GetProperty("epoch").GetInt32(),
                LastCost = Exact(root.GetProperty("last_cost")),
                DivergenceFirstCost = root.GetProperty("divergence_first_cost") is { ValueKind: JsonValueKind.Object } first ? Exact(first) : null,
                Shuffle = Stream(folder, root.GetProperty("shuffle_stream"), ShuffleKey),
                HasOptimizerState = root.GetProperty("optimizer_state").GetBoolean(),
                ElementType = elementType,
            };
            foreach (var array in root.GetProperty("arrays").EnumerateArray())
            {
                string name = array.GetString()!;
                CheckName(name);
                var (values, shape) = ReadArray(Path.Combine(folder, name + ".npy"));
                if (values.GetType().GetElementType() != elementType || shape.Length != 2)
                    throw new InvalidDataException($"{name}.npy is not a {precision} matrix");
                training.Arrays[name] = new CheckpointArray(shape[0], shape[1], values);
            }
            foreach (var scalar in root.GetProperty("scalars").EnumerateObject()) training.Scalars[scalar.Name] = Exact(scalar.Value);
            var costs = root.GetProperty("cost_csv");
            return new RunCheckpoint(training, precision, root.GetProperty("optimizer").GetString()!,
                root.GetProperty("epochs_requested").GetInt32(), costs.GetProperty("rows").GetInt32(), costs.GetProperty("bytes").GetInt64(),
                root.GetProperty("data_sha256").GetString()!, root.GetProperty("data_directory").GetString(),
                Stream(folder, root.GetProperty("init_stream"), InitKey));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException
                                   or IOException or ArgumentException)
        {
            throw new InvalidDataException($"checkpoint {folder} cannot be read: {e.Message}", e);
        }
    }

    private static void WriteManifest(Utf8JsonWriter writer, RunCheckpoint c)
    {
        var t = c.Training;
        writer.WriteStartObject();
        writer.WriteNumber("format", Format);
        writer.WriteNumber("epoch", t.NextEpoch);
        writer.WriteNumber("epochs_requested", c.EpochsRequested);
        writer.WriteString("precision", c.Precision);
        WriteExact(writer, "last_cost", t.LastCost);
        if (t.DivergenceFirstCost is { } first) WriteExact(writer, "divergence_first_cost", first);
        else writer.WriteNull("divergence_first_cost");
        writer.WriteString("optimizer", c.Optimizer);
        writer.WriteBoolean("optimizer_state", t.HasOptimizerState);
        writer.WriteStartObject("cost_csv");
        writer.WriteNumber("rows", c.CostRows);
        writer.WriteNumber("bytes", c.CostBytes);
        writer.WriteEndObject();
        writer.WriteString("data_sha256", c.DataSha256);
        writer.WriteString("data_directory", c.DataDirectory);
        WriteStream(writer, "init_stream", c.InitStream, InitKey);
        WriteStream(writer, "shuffle_stream", t.Shuffle, ShuffleKey);
        writer.WriteStartArray("arrays");
        foreach (string name in t.Arrays.Keys) writer.WriteStringValue(name);
        writer.WriteEndArray();
        writer.WriteStartObject("scalars");
        foreach (var (name, value) in t.Scalars) WriteExact(writer, name, value);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>{"value": 0.1, "bits": "3fb999999999999a"}: the decimal for people, the bits for reading back (NaN included).</summary>
    private static void WriteExact(Utf8JsonWriter writer, string name, double value)
    {
        writer.WriteStartObject(name);
        RunJson.WriteNumber(writer, "value", value);
        writer.WriteString("bits", BitConverter.DoubleToInt64Bits(value).ToString("x16", CultureInfo.InvariantCulture));
        writer.WriteEndObject();
    }

    private static double Exact(JsonElement element) =>
        BitConverter.Int64BitsToDouble(long.Parse(element.GetProperty("bits").GetString()!, NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>numpy's get_state() tuple without the words, which are in <c>{file}.npy</c>.</summary>
    private static void WriteStream(Utf8JsonWriter writer, string name, RandomStreamState? state, string file)
    {
        if (state is null)
        {
            writer.WriteNull(name);
            return;
        }
        writer.WriteStartObject(name);
        writer.WriteString("key", file + ".npy");
        writer.WriteNumber("position", state.Position);
        writer.WriteBoolean("has_gauss", state.HasGauss);
        WriteExact(writer, "cached_gaussian", state.Gauss);
        writer.WriteEndObject();
    }

    private static RandomStreamState? Stream(string folder, JsonElement element, string file)
    {
        if (element.ValueKind == JsonValueKind.Null) return null;
        var (key, shape) = ReadArray(Path.Combine(folder, file + ".npy"));
        if (key is not uint[] words || shape is not [RandomStreamState.KeyLength])
            throw new InvalidDataException($"{file}.npy does not hold {RandomStreamState.KeyLength} uint32 words");
        return new RandomStreamState(words, element.GetProperty("position").GetInt32(), element.GetProperty("has_gauss").GetBoolean(),
            Exact(element.GetProperty("cached_gaussian")));
    }

    private static (Array, int[]) ReadArray(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        return NpyFile.Read(stream);
    }

    private static void WriteFile(string path, Action<Stream> write)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16);
        write(stream);
        stream.Flush(FlushToDisk);
    }

    private static void CheckName(string name)
    {
        if (!OptimizerState<double>.IsValidName(name) || name.StartsWith('.') || name is InitKey or ShuffleKey)
            throw new InvalidDataException($"'{name}' cannot name a checkpoint array");
    }

    /// <summary>Removes a folder, its completeness marker first, so a half-deleted folder is never taken for complete.</summary>
    private static void DeleteFolder(string path)
    {
        if (!Directory.Exists(path)) return;
        File.Delete(Path.Combine(path, Manifest));
        Directory.Delete(path, recursive: true);
    }
}
