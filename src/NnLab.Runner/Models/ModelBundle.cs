using System.Text.Json;
using NnLab.Experiments;
using NnLab.Numerics;
using NnLab.Runner.Checkpoints;
using NnLab.Runner.Output;
using NnLab.Runner.Training;
using NnLab.Training;

namespace NnLab.Runner.Models;

/// <summary>
/// Writes a run folder's <c>model/</c>: everything needed to apply the trained network to new raw data, and nothing
/// about how it was trained beyond what to cite. <c>model.json</c> describes it (architecture with every option
/// resolved, the columns, the feature derivation, the normalisation statistics, the class labels, the precision, the
/// NnLab version and the data's SHA-256); each parameter is a NumPy <c>.npy</c> file beside it, in the run's precision,
/// bit for bit: <c>np.load("model/layer0.W.npy")</c>.
/// </summary>
/// <remarks>
/// The folder is written as <c>model.tmp/</c> and renamed into place (an earlier one — a cancelled run resumed — is
/// replaced the same way), so a reader never sees half a bundle.
/// </remarks>
internal static class ModelBundle
{
    public const string Folder = "model";
    public const string Description = "model.json";
    public const string FormatName = "nnlab-model";
    public const int FormatVersion = 1;

    /// <summary>Writes <c>model/</c> into <paramref name="runFolder"/> from the session's parameters as they stand (the kept weights).</summary>
    public static void Write(string runFolder, Experiment experiment, ExperimentSession session, TrainingResult result)
    {
        string target = Path.Combine(runFolder, Folder), temp = target + ".tmp", old = target + ".old.tmp";
        DeleteFolder(temp);
        Directory.CreateDirectory(temp);
        var parameters = session.SnapshotParameters();
        var files = new List<IReadOnlyList<(string Name, string File, string? LastEpochFile, int Rows, int Cols)>>();
        int k = 0; // the parameter's place in the network's order, which the last epoch's weights are in
        for (int i = 0; i < parameters.Count; i++)
        {
            var layerFiles = new List<(string, string, string?, int, int)>();
            foreach (var (name, value) in parameters[i])
            {
                string file = $"layer{i}.{name}.npy";
                WriteNpy(Path.Combine(temp, file), value, experiment.Precision);
                // Under early stopping the kept weights are the best epoch's; the last epoch's are kept beside them.
                string? lastFile = null;
                if (result.LastEpochWeights is { } last)
                {
                    lastFile = $"last_epoch.layer{i}.{name}.npy";
                    WriteNpy(Path.Combine(temp, lastFile), last[k], experiment.Precision);
                }
                layerFiles.Add((name, file, lastFile, value.Rows, value.Cols));
                k++;
            }
            files.Add(layerFiles);
        }
        using (var stream = File.Create(Path.Combine(temp, Description)))
        {
            using (var writer = RunJson.CreateWriter(stream)) WriteDescription(writer, experiment, session, result, files);
            stream.WriteByte((byte)'\n');
        }
        if (Directory.Exists(target))
        {
            DeleteFolder(old);
            Directory.Move(target, old);
        }
        Directory.Move(temp, target);
        DeleteFolder(old);
    }

    /// <summary>One parameter as .npy in the run's precision (float32 values were widened exactly: narrowing gives them back).</summary>
    private static void WriteNpy(string path, Matrix<double> value, Precision precision)
    {
        Array values = precision == Precision.Float32 ? value.Data.Select(v => (float)v).ToArray() : value.Data;
        using var stream = File.Create(path);
        NpyFile.Write(stream, values, value.Rows, value.Cols);
    }

    private static void WriteDescription(Utf8JsonWriter writer, Experiment experiment, ExperimentSession session, TrainingResult result,
        IReadOnlyList<IReadOnlyList<(string Name, string File, string? LastEpochFile, int Rows, int Cols)>> files)
    {
        var data = experiment.Data;
        var architecture = ModelArchitecture.Of(experiment);
        writer.WriteStartObject();
        writer.WriteString("format", FormatName);
        writer.WriteNumber("format_version", FormatVersion);
        writer.WriteString("name", experiment.Name);
        writer.WriteString("nnlab_version", NnLabVersion.Current);
        writer.WriteString("precision", experiment.Precision.Name());
        writer.WriteString("kernels", MatrixOperations.Name(experiment.Kernels));
        writer.WriteString("data_sha256", data.Sha256);

        writer.WriteStartObject("weights");
        bool best = experiment.Training.EarlyStopping is not null;
        writer.WriteString("kept", best ? "best" : "final");
        writer.WriteNumber("epochs_completed", result.EpochsCompleted);
        if (result.BestEpoch is { } bestEpoch) writer.WriteNumber("best_epoch", bestEpoch);
        else writer.WriteNull("best_epoch");
        writer.WriteString("note", best
            ? "early stopping restored the weights of the best recorded epoch: these are those weights; the last epoch's are each parameter's last_epoch_file"
            : "the weights after the last epoch");
        writer.WriteEndObject();

        writer.WriteStartObject("inputs");
        WriteStrings(writer, "columns", RawColumns(data.Features));
        writer.WriteStartArray("features");
        foreach (var feature in data.Features)
        {
            writer.WriteStartObject();
            writer.WriteString("name", feature.Name);
            if (feature.IsProduct) WriteStrings(writer, "product", feature.Columns);
            else writer.WriteString("column", feature.Columns[0]);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();

        if (data.Normalization is { } n)
        {
            writer.WriteStartObject("normalization");
            writer.WriteString("method", n.Method.ToString().ToLowerInvariant());
            writer.WriteString("formula", "(x - offset) / scale, per network input (after features), fitted on the train split");
            WriteNumbers(writer, "offset", n.Offset);
            WriteNumbers(writer, "scale", n.Scale);
            writer.WriteEndObject();
        }
        else writer.WriteNull("normalization");

        writer.WriteStartObject("targets");
        WriteStrings(writer, "columns", data.TargetNames);
        if (data.ClassLabels is { } labels) WriteStrings(writer, "class_labels", labels);
        else writer.WriteNull("class_labels");
        writer.WriteEndObject();

        writer.WriteStartObject("outputs");
        writer.WriteNumber("size", session.Sizes[^1]);
        writer.WriteNumber("threshold", experiment.PredictionThreshold);
        writer.WriteEndObject();

        writer.WriteStartArray("layers");
        for (int i = 0; i < architecture.Layers.Count; i++)
        {
            writer.WriteStartObject();
            writer.WriteNumber("index", i);
            writer.WriteString("type", architecture.Layers[i].Name);
            writer.WritePropertyName("options");
            writer.WriteRawValue(architecture.Layers[i].OptionsJson);
            writer.WriteNumber("inputs", session.Sizes[i]);
            writer.WriteNumber("outputs", session.Sizes[i + 1]);
            writer.WriteStartObject("parameters");
            foreach (var (name, file, lastEpochFile, rows, cols) in files[i])
            {
                writer.WriteStartObject(name);
                writer.WriteString("file", file);
                if (lastEpochFile is not null) writer.WriteString("last_epoch_file", lastEpochFile);
                writer.WriteStartArray("shape");
                writer.WriteNumberValue(rows);
                writer.WriteNumberValue(cols);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartObject("cost");
        writer.WriteString("name", architecture.Cost.Name);
        writer.WritePropertyName("options");
        writer.WriteRawValue(architecture.Cost.OptionsJson);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>The raw columns the features read, each once, in the order the features first read them.</summary>
    public static IReadOnlyList<string> RawColumns(IReadOnlyList<InputFeature> features) =>
        features.SelectMany(f => f.Columns).Distinct().ToList();

    private static void WriteStrings(Utf8JsonWriter writer, string name, IEnumerable<string> values)
    {
        writer.WriteStartArray(name);
        foreach (string value in values) writer.WriteStringValue(value);
        writer.WriteEndArray();
    }

    private static void WriteNumbers(Utf8JsonWriter writer, string name, IEnumerable<double> values)
    {
        writer.WriteStartArray(name);
        foreach (double value in values) writer.WriteNumberValue(value);
        writer.WriteEndArray();
    }

    private static void DeleteFolder(string path)
    {
        if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
    }
}
