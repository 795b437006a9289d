using System.Numerics;
using System.Text.Json;
using NnLab.Experiments;
using NnLab.Metrics;
using NnLab.Numerics;
using NnLab.Registry;
using NnLab.Runner.Checkpoints;
using NnLab.Runner.Output;
using NnLab.Training;

namespace NnLab.Runner.Models;

/// <summary>
/// A trained network loaded from its bundle (a run folder's <c>model/</c>), ready to apply to new raw data: the
/// stored feature derivation and normalisation are applied to the named columns, the network runs in the precision
/// it trained in, and a fused-logit cost's probabilities (σ, softmax) are what it outputs, as predictions.csv shows
/// them. Predicting is serialised (the network reuses its buffers); load one model per thread to predict in parallel.
/// </summary>
public sealed class Model
{
    private readonly object _gate = new();
    private readonly Runtime _runtime;

    private Model(string directory, JsonElement root, Runtime runtime, ModelArchitecture architecture, IReadOnlyList<ComponentSpec> layers,
        ComponentSpec cost)
    {
        Directory = directory;
        _runtime = runtime;
        Architecture = architecture;
        Layers = layers;
        Cost = cost;
        Name = root.GetProperty("name").GetString()!;
        NnLabVersion = root.GetProperty("nnlab_version").GetString()!;
        PrecisionNames.TryParse(root.GetProperty("precision").GetString(), out var precision);
        Precision = precision;
        DataSha256 = root.GetProperty("data_sha256").GetString()!;
        var inputs = root.GetProperty("inputs");
        Features = inputs.GetProperty("features").EnumerateArray()
            .Select(f => new InputFeature(f.GetProperty("name").GetString()!,
                f.TryGetProperty("product", out var product) ? Strings(product) : [f.GetProperty("column").GetString()!])).ToList();
        InputColumns = ModelBundle.RawColumns(Features);
        var targets = root.GetProperty("targets");
        TargetNames = Strings(targets.GetProperty("columns"));
        ClassLabels = targets.GetProperty("class_labels") is { ValueKind: JsonValueKind.Array } labels ? Strings(labels) : null;
        Threshold = root.GetProperty("outputs").GetProperty("threshold").GetDouble();
        if (root.GetProperty("normalization") is { ValueKind: JsonValueKind.Object } n)
            Normalization = new Normalization(Enum.Parse<NormalizeMethod>(n.GetProperty("method").GetString()!, ignoreCase: true),
                Features.Select(f => f.Name).ToList(), Numbers(n.GetProperty("offset")), Numbers(n.GetProperty("scale")));
    }

    /// <summary>The bundle folder (<c>…/model</c>).</summary>
    public string Directory { get; }

    /// <summary>The experiment's name.</summary>
    public string Name { get; }

    public string NnLabVersion { get; }
    public Precision Precision { get; }

    /// <summary>SHA-256 of the data it was trained on, as summary.json and <c>nnlab data</c> give it.</summary>
    public string DataSha256 { get; }

    /// <summary>The raw columns new data must have (every column a feature reads, once each).</summary>
    public IReadOnlyList<string> InputColumns { get; }

    /// <summary>The network's inputs, each derived from raw columns (a column, or the product of several).</summary>
    public IReadOnlyList<InputFeature> Features { get; }

    /// <summary>The target columns <see cref="Evaluate"/> reads.</summary>
    public IReadOnlyList<string> TargetNames { get; }

    /// <summary>Class names by index when the targets were text labels; null otherwise.</summary>
    public IReadOnlyList<string>? ClassLabels { get; }

    /// <summary>Fitted on the training split; null when the inputs were not normalised.</summary>
    public Normalization? Normalization { get; }

    /// <summary>One output: an output ≥ threshold predicts class 1.</summary>
    public double Threshold { get; }

    public int OutputSize => _runtime.OutputSize;

    public ModelArchitecture Architecture { get; }
    public IReadOnlyList<ComponentSpec> Layers { get; }
    public ComponentSpec Cost { get; }

    /// <summary>
    /// Loads the model in <paramref name="path"/>: a run folder (its <c>model/</c>) or a bundle folder itself. Layers,
    /// costs and initializers are resolved in <paramref name="registry"/> (the built-ins when null): a model that needs
    /// a plugin's component needs a registry with that plugin loaded.
    /// </summary>
    /// <exception cref="ModelException">No bundle there, a damaged one, or a component the registry does not have.</exception>
    public static Model Load(string path, ComponentRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        registry ??= ComponentRegistry.CreateWithBuiltIns();
        string directory = File.Exists(Path.Combine(path, ModelBundle.Description)) ? path
            : File.Exists(Path.Combine(path, ModelBundle.Folder, ModelBundle.Description)) ? Path.Combine(path, ModelBundle.Folder)
            : throw new ModelException(
                $"{path}: not a model: neither a bundle folder with {ModelBundle.Description} nor a run folder with {ModelBundle.Folder}/{ModelBundle.Description}" +
                (System.IO.Directory.Exists(path) ? " (a run that failed before training ended has no model)" : " (no such folder)"));
        string description = Path.Combine(directory, ModelBundle.Description);
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(description));
            var root = document.RootElement.Clone();
            if (root.GetProperty("format").GetString() != ModelBundle.FormatName || root.GetProperty("format_version").GetInt32() != ModelBundle.FormatVersion)
                throw new InvalidDataException($"not a {ModelBundle.FormatName} version {ModelBundle.FormatVersion} description");
            var architecture = ReadArchitecture(root);
            var (layers, cost) = architecture.Bind(registry, description);
            if (!PrecisionNames.TryParse(root.GetProperty("precision").GetString(), out var precision))
                throw new InvalidDataException($"unknown precision '{root.GetProperty("precision").GetString()}'");
            MatrixOperations.TryParse(root.GetProperty("kernels").GetString(), out var kernels);
            int inputSize = root.GetProperty("inputs").GetProperty("features").GetArrayLength();
            Runtime runtime = precision == Precision.Float32
                ? new Runtime<float>(layers, cost, inputSize, kernels, registry, directory, root)
                : new Runtime<double>(layers, cost, inputSize, kernels, registry, directory, root);
            return new Model(directory, root, runtime, architecture, layers, cost);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or InvalidDataException
            or IOException or UnauthorizedAccessException or FormatException or ArgumentException or ComponentException)
        {
            string message = e.Message.StartsWith(description, StringComparison.Ordinal) ? e.Message : $"{description}: {e.Message}";
            throw new ModelException($"cannot load the model: {message}", e);
        }
    }

    /// <summary>
    /// Applies the model to <paramref name="table"/>'s rows: only <see cref="InputColumns"/> are read, other columns
    /// are ignored.
    /// </summary>
    /// <exception cref="ModelException">A column is missing, or a cell is not a finite number (each located).</exception>
    public ModelPredictions Predict(RawTable table) => Apply(ReadInputs(table));

    /// <summary>Applies the model to rows of raw values, one per <see cref="InputColumns"/> in that order.</summary>
    /// <exception cref="ModelException">A row of the wrong length or a non-finite value.</exception>
    public ModelPredictions Predict(IReadOnlyList<double[]> rows)
    {
        try
        {
            return Predict(RawTable.FromNumbers(InputColumns, rows));
        }
        catch (ArgumentException e)
        {
            throw new ModelException($"{e.Message}; the model reads {string.Join(", ", InputColumns)}", e);
        }
    }

    /// <summary>
    /// Scores the model on <paramref name="table"/>, which must also hold <see cref="TargetNames"/>: the cost and, as
    /// summary.json's splits, accuracy, per-class scores and confusion matrix, or MSE, MAE and R² for regression.
    /// </summary>
    /// <exception cref="ModelException">A missing column, a bad cell, or a class label the model does not know.</exception>
    public SplitMetrics Evaluate(RawTable table)
    {
        var inputs = ReadInputs(table);
        var targets = ReadTargets(table);
        lock (_gate)
        {
            var (cost, probabilities) = _runtime.Score(inputs, targets);
            return SplitMetrics.Compute(ReportedNumber.In(Precision, cost), probabilities, targets, Threshold, ClassLabels);
        }
    }

    /// <summary>Writes the network as an ONNX file (see <see cref="Onnx.OnnxExporter"/>).</summary>
    /// <exception cref="ModelException">A layer (or a fused-logit cost) has no ONNX mapping.</exception>
    public void ExportOnnx(Stream output) => Onnx.OnnxExporter.Write(this, _runtime.Exportables(Layers, Cost), output);

    private ModelPredictions Apply(Matrix<double> inputs)
    {
        Matrix<double> outputs;
        lock (_gate) outputs = _runtime.Forward(inputs);
        var classes = Classification.Predict(outputs, Threshold);
        return new ModelPredictions(outputs, classes, ClassLabels, Precision);
    }

    /// <summary>The network's inputs (features × examples): features derived, normalised.</summary>
    private Matrix<double> ReadInputs(RawTable table)
    {
        var columns = Columns(table, InputColumns, "reads");
        var problems = new List<string>();
        var values = new double[InputColumns.Count][];
        for (int c = 0; c < columns.Length; c++)
        {
            values[c] = new double[table.Rows.Count];
            for (int r = 0; r < table.Rows.Count; r++)
                if (!table.TryNumber(r, columns[c], out values[c][r], out string? problem)) Report(problems, table, r, columns[c], problem!);
        }
        Throw(problems);
        var indexOf = InputColumns.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i);
        return InputFeature.Derive(Features, name => values[indexOf[name]], table.Rows.Count, Normalization);
    }

    private Matrix<double> ReadTargets(RawTable table)
    {
        var columns = Columns(table, TargetNames, "is scored against");
        var problems = new List<string>();
        var targets = new Matrix<double>(TargetNames.Count, table.Rows.Count);
        var classOf = ClassLabels?.Select((name, index) => (name, index)).ToDictionary(p => p.name, p => p.index);
        for (int t = 0; t < columns.Length; t++)
            for (int r = 0; r < table.Rows.Count; r++)
            {
                if (classOf is null)
                {
                    if (!table.TryNumber(r, columns[t], out targets[t, r], out string? problem)) Report(problems, table, r, columns[t], problem!);
                }
                else if (classOf.TryGetValue(table.Rows[r][columns[t]], out int index)) targets[t, r] = index;
                else
                    Report(problems, table, r, columns[t],
                        $"'{table.Rows[r][columns[t]]}' is not one of the model's classes ({string.Join(", ", ClassLabels!)})");
            }
        Throw(problems);
        return targets;
    }

    private int[] Columns(RawTable table, IReadOnlyList<string> names, string verb)
    {
        var missing = names.Where(n => table.IndexOf(n) < 0).ToList();
        if (missing.Count > 0)
            throw new ModelException(
                $"{table.Source}: missing column{(missing.Count == 1 ? "" : "s")} {string.Join(", ", missing.Select(m => $"'{m}'"))}: " +
                $"the model {verb} {string.Join(", ", names)}; the data's columns are {string.Join(", ", table.Columns)}");
        return names.Select(table.IndexOf).ToArray();
    }

    // Beyond this, more cell errors would only bury the first ones (as the experiment loader does).
    private const int MaxCellErrors = 20;

    private static void Report(List<string> problems, RawTable table, int row, int column, string problem)
    {
        if (problems.Count <= MaxCellErrors) problems.Add($"{table.Where(row, column)}: column '{table.Columns[column]}': {problem}");
    }

    private static void Throw(List<string> problems)
    {
        if (problems.Count == 0) return;
        if (problems.Count > MaxCellErrors) problems[MaxCellErrors] = "… more bad cells not shown";
        throw new ModelException(string.Join(Environment.NewLine, problems));
    }

    private static ModelArchitecture ReadArchitecture(JsonElement root)
    {
        var layers = root.GetProperty("layers").EnumerateArray()
            .Select(l => new ComponentDescription(l.GetProperty("type").GetString()!, l.GetProperty("options").GetRawText())).ToList();
        var cost = root.GetProperty("cost");
        return new ModelArchitecture(layers, new ComponentDescription(cost.GetProperty("name").GetString()!, cost.GetProperty("options").GetRawText()));
    }

    private static IReadOnlyList<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToList();

    private static double[] Numbers(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The network in its precision.</summary>
    private abstract class Runtime
    {
        public abstract int OutputSize { get; }

        /// <summary>The outputs (probabilities for a fused-logit cost) as float64.</summary>
        public abstract Matrix<double> Forward(Matrix<double> inputs);

        public abstract (double Cost, Matrix<double> Probabilities) Score(Matrix<double> inputs, Matrix<double> targets);

        /// <summary>Each layer as ONNX sees it, then the cost's probability op when it is a fused-logit cost (else null).</summary>
        public abstract (IReadOnlyList<(string Name, object Layer)> Layers, (string Name, object Cost)? Probabilities) Exportables(
            IReadOnlyList<ComponentSpec> layers, ComponentSpec cost);
    }

    private sealed class Runtime<T> : Runtime where T : IFloatingPointIeee754<T>
    {
        private readonly Network<T> _network;
        private readonly ICost<T> _cost;

        public Runtime(IReadOnlyList<ComponentSpec> layers, ComponentSpec cost, int inputSize, MatrixKernels kernels, ComponentRegistry registry,
            string directory, JsonElement root)
        {
            // The initial draws are thrown away: every parameter is replaced by the stored one below.
            _network = Network<T>.Build(layers, inputSize, new NumpyRandomState(0), MatrixOperations.Create<T>(kernels), registry);
            _cost = cost.Create<ICost<T>>();
            var described = root.GetProperty("layers");
            for (int i = 0; i < _network.Layers.Count; i++)
            {
                var stored = described[i].GetProperty("parameters");
                foreach (var parameter in _network.Layers[i].Parameters)
                {
                    if (!stored.TryGetProperty(parameter.Name, out var entry))
                        throw new InvalidDataException($"layers[{i}]: parameter '{parameter.Name}' is not in the bundle");
                    Load(Path.Combine(directory, entry.GetProperty("file").GetString()!), parameter.Value, i, parameter.Name);
                }
            }
        }

        public override int OutputSize => _network.OutputSize;

        private static void Load(string file, Matrix<T> into, int layer, string name)
        {
            using var stream = File.OpenRead(file);
            var (values, shape) = NpyFile.Read(stream);
            if (shape.Length != 2 || shape[0] != into.Rows || shape[1] != into.Cols)
                throw new InvalidDataException($"{file}: layers[{layer}].{name} has shape ({string.Join(", ", shape)}), the layer needs ({into.Rows}, {into.Cols})");
            switch (values)
            {
                case T[] same: same.CopyTo(into.Data, 0); break;
                default: throw new InvalidDataException($"{file}: holds {values.GetType().GetElementType()!.Name} values, the model runs in {typeof(T).Name}");
            }
        }

        public override Matrix<double> Forward(Matrix<double> inputs) => Probabilities(_network.Forward(As(inputs)));

        public override (double Cost, Matrix<double> Probabilities) Score(Matrix<double> inputs, Matrix<double> targets)
        {
            var outputs = _network.Forward(As(inputs));
            double cost = _cost.Evaluate(outputs, As(targets), null);
            return (cost, Probabilities(outputs));
        }

        public override (IReadOnlyList<(string Name, object Layer)> Layers, (string Name, object Cost)? Probabilities) Exportables(
            IReadOnlyList<ComponentSpec> layers, ComponentSpec cost) =>
            (_network.Layers.Select((l, i) => (layers[i].Name, (object)l)).ToList(), _cost is ILogitCost<T> ? (cost.Name, _cost) : null);

        private Matrix<double> Probabilities(Matrix<T> outputs)
        {
            var probabilities = outputs.Clone();
            if (_cost is ILogitCost<T> logits) logits.ToProbabilities(outputs, probabilities);
            return probabilities as Matrix<double> ?? probabilities.ConvertTo<double>();
        }

        private static Matrix<T> As(Matrix<double> data) => data as Matrix<T> ?? data.ConvertTo<T>();
    }
}
