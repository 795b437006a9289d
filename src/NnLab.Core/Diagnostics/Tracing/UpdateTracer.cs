using System.Numerics;
using NnLab.Costs;
using NnLab.Optimizers;
using NnLab.Training;

namespace NnLab.Diagnostics.Tracing;

/// <summary>
/// Trains a network up to update N exactly as <see cref="Trainer{T}"/> does, then records K updates node by node:
/// forward values, the cost, each node's upstream gradient, local gradient and product, each parameter's gradient
/// beside central finite differences, the optimizer's scalars and state, and the new values.
/// </summary>
/// <remarks>
/// <para>
/// Every update, traced or not, is the trainer's: <c>Network.Forward</c>, <c>ICost.Evaluate</c> into
/// <c>Network.OutputGradient</c>, <c>Network.Backward</c>, <c>IOptimizer.Step(update)</c>, with mini-batches from the
/// same <see cref="MiniBatches{T}"/> stream and the same divergence checks, so the weights after tracing are those of
/// a normal run after the same updates (a test holds this to the bit).
/// </para>
/// <para>
/// What is recorded comes from a separate pass before the update: each layer's <c>Forward</c> and <c>Backward</c> on
/// buffers of the tracer's own (the network fuses a ReLU into its linear neighbour and keeps no pre-activation; the
/// separate passes give the same numbers). The finite differences run on the probe, a float64 copy of
/// the model whose parameters are set to the network's before each traced update; the network is never perturbed.
/// </para>
/// </remarks>
public sealed class UpdateTracer<T> where T : IFloatingPointIeee754<T>
{
    /// <summary>Elements of each parameter (row-major) checked by finite differences.</summary>
    public const int CheckedElements = 12;

    private readonly Network<T> _network;
    private readonly ICost<T> _cost;
    private readonly IOptimizer<T> _optimizer;
    private readonly Network<double> _probe;
    private readonly ICost<double> _probeCost;
    private readonly string _costName;
    private readonly string _optimizerName;

    /// <summary>
    /// <paramref name="network"/>: a freshly built network (initial weights), trained in place; <paramref name="probe"/>:
    /// a float64 network of the same model with <paramref name="probeCost"/>, used only for finite differences.
    /// </summary>
    public UpdateTracer(Network<T> network, ICost<T> cost, IOptimizer<T> optimizer, Network<double> probe, ICost<double> probeCost,
        string costName, string optimizerName)
    {
        if (probe.Parameters.Count != network.Parameters.Count)
            throw new ArgumentException("the probe network must have the traced network's parameters", nameof(probe));
        (_network, _cost, _optimizer, _probe, _probeCost) = (network, cost, optimizer, probe, probeCost);
        (_costName, _optimizerName) = (costName, optimizerName);
        // As the trainer sets them up.
        _optimizer.Initialize(network.Parameters);
        if (cost is IThreadedCost threadedCost) threadedCost.Threads = network.Threads;
        if (optimizer is IThreadedOptimizer threadedOptimizer) threadedOptimizer.Threads = network.Threads;
    }

    /// <summary>Updates per epoch for <paramref name="examples"/> examples.</summary>
    public static int UpdatesPerEpoch(TrainingSettings settings, int examples)
    {
        int batch = settings.EffectiveBatchSize(examples);
        return (examples + batch - 1) / batch;
    }

    /// <summary>
    /// Makes updates 0 … <paramref name="first"/> + <paramref name="count"/> − 1 and records the last
    /// <paramref name="count"/>. Throws <see cref="TraceException"/> when training diverges before them.
    /// </summary>
    public Trace Run(string name, Matrix<T> inputs, Matrix<T> targets, TrainingSettings settings, int first, int count)
    {
        int m = inputs.Cols;
        int batchSize = settings.EffectiveBatchSize(m);
        var batches = batchSize == m ? null : new MiniBatches<T>(inputs, targets, batchSize, settings.Shuffle, settings.ShuffleSeed,
            _network.Threads);
        int perEpoch = batches?.Count ?? 1;
        int total = settings.Epochs * perEpoch;
        if (first < 0 || count < 1 || first + count > total)
            throw new ArgumentOutOfRangeException(nameof(first), $"updates {first}..{first + count - 1} are not within 0..{total - 1}");

        var traced = new List<UpdateTrace>(count);
        var divergence = new DivergenceCheck(settings.DivergenceFactor);
        int end = first + count;
        for (int epoch = 0; epoch * perEpoch < end; epoch++)
        {
            batches?.StartEpoch();
            double weighted = 0;
            for (int b = 0; b < perEpoch && epoch * perEpoch + b < end; b++)
            {
                int update = epoch * perEpoch + b;
                var (x, y) = batches is null ? (inputs, targets) : batches.Gather(b);
                var recording = update >= first ? Record(x, y) : null;
                // The trainer's step: the cost before the update, the divergence checks, backward, the optimizer.
                double cost = _cost.Evaluate(_network.Forward(x), y, _network.OutputGradient(x.Cols));
                string? diverged = batches is null ? divergence.Check(cost) : double.IsFinite(cost) ? null : $"cost became {cost}";
                if (diverged is not null)
                    throw new TraceException($"training diverged at update {update} (epoch {epoch}): {diverged}; update {end - 1} is never made");
                _network.Backward(x.Cols);
                _optimizer.Step(update);
                weighted += cost * x.Cols;
                if (recording is not null) traced.Add(recording.Finish(this, update, epoch, b, cost));
            }
            if (batches is not null && epoch * perEpoch + perEpoch <= end - 1 && divergence.Check(weighted / m) is { } epochDiverged)
                throw new TraceException($"training diverged at epoch {epoch}: {epochDiverged}; update {end - 1} is never made");
        }
        return new Trace(name, typeof(T) == typeof(float) ? "float32" : "float64", m, perEpoch, total, traced);
    }

    /// <summary>The separate forward and backward pass, and the finite differences, before update's step.</summary>
    private Recording Record(Matrix<T> x, Matrix<T> y)
    {
        var layers = _network.Layers;
        var sizes = _network.Sizes;
        int n = layers.Count, mb = x.Cols;
        var a = new Matrix<T>[n + 1];
        a[0] = x;
        for (int i = 0; i < n; i++)
        {
            a[i + 1] = new Matrix<T>(sizes[i + 1], mb);
            layers[i].Forward(a[i], a[i + 1]);
        }
        var g = new Matrix<T>[n + 1];
        g[n] = new Matrix<T>(sizes[n], mb);
        double cost = _cost.Evaluate(a[n], y, g[n]);
        var gradients = new Matrix<double>[n][];
        var locals = new (LocalGradientKind, Matrix<double>?)[n];
        for (int i = n - 1; i >= 0; i--)
        {
            locals[i] = LocalGradient(layers[i], a[i], a[i + 1]);
            if (i > 0) g[i] = new Matrix<T>(sizes[i], mb);
            layers[i].Backward(a[i], a[i + 1], g[i + 1], i > 0 ? g[i] : null);
            gradients[i] = layers[i].Parameters.Select(p => Widen(p.Gradient)).ToArray();
        }
        var before = _network.Parameters.Select(p => Widen(p.Value)).ToArray();
        var finite = FiniteDifferences(before, Widen(x), Widen(y));
        return new Recording(a.Select(Widen).ToArray(), g.Select(m => m is null ? null : Widen(m)).ToArray(), cost, locals,
            gradients, before, finite, Widen(y));
    }

    /// <summary>
    /// For a layer without parameters that keeps the input's shape: its backward pass at an upstream gradient of 1,
    /// which is ∂out/∂in value by value when the layer is elementwise — checked by a second upstream gradient.
    /// </summary>
    private static (LocalGradientKind, Matrix<double>?) LocalGradient(ILayer<T> layer, Matrix<T> input, Matrix<T> output)
    {
        if (layer.Parameters.Count > 0) return (LocalGradientKind.Parameterised, null);
        if (input.Rows != output.Rows || input.Rows == 0) return (LocalGradientKind.Jacobian, null);
        var ones = new Matrix<T>(output.Rows, output.Cols);
        ones.AsSpan().Fill(T.One);
        var local = new Matrix<T>(input.Rows, input.Cols);
        layer.Backward(input, output, ones, local);
        var upstream = new Matrix<T>(output.Rows, output.Cols);
        for (int i = 0; i < upstream.Length; i++) upstream.Data[i] = T.CreateTruncating(0.5 + 0.37 * (i % 7) - 0.9 * (i % 3));
        var product = new Matrix<T>(input.Rows, input.Cols);
        layer.Backward(input, output, upstream, product);
        double tolerance = typeof(T) == typeof(float) ? 1e-4 : 1e-9;
        for (int i = 0; i < local.Length; i++)
        {
            double expected = double.CreateTruncating(upstream.Data[i] * local.Data[i]), actual = double.CreateTruncating(product.Data[i]);
            if (!(Math.Abs(expected - actual) <= tolerance * (Math.Abs(expected) + Math.Abs(actual)) + 1e-300))
                return (LocalGradientKind.Jacobian, null);
        }
        return (LocalGradientKind.Elementwise, Widen(local));
    }

    /// <summary>Central differences of the float64 cost for the first elements of every parameter.</summary>
    private double[][] FiniteDifferences(Matrix<double>[] values, Matrix<double> x, Matrix<double> y)
    {
        var parameters = _probe.Parameters;
        for (int p = 0; p < parameters.Count; p++) values[p].CopyTo(parameters[p].Value);
        var layers = _probe.Layers;
        var a = new Matrix<double>[layers.Count + 1];
        a[0] = x;
        for (int i = 0; i < layers.Count; i++) a[i + 1] = new Matrix<double>(_probe.Sizes[i + 1], x.Cols);

        double Cost()
        {
            for (int i = 0; i < layers.Count; i++) layers[i].Forward(a[i], a[i + 1]);
            return _probeCost.Evaluate(a[^1], y, null);
        }

        const double h = GradientChecker.DefaultStep;
        var result = new double[parameters.Count][];
        for (int p = 0; p < parameters.Count; p++)
        {
            var data = parameters[p].Value.Data;
            result[p] = new double[data.Length];
            Array.Fill(result[p], double.NaN);
            for (int k = 0; k < Math.Min(CheckedElements, data.Length); k++)
            {
                double saved = data[k];
                data[k] = saved + h;
                double plus = Cost();
                data[k] = saved - h;
                double minus = Cost();
                data[k] = saved;
                result[p][k] = (plus - minus) / (2 * h);
            }
        }
        return result;
    }

    private static Matrix<double> Widen(Matrix<T> values) => values is Matrix<double> same ? same.Clone() : values.ConvertTo<double>();

    private static Matrix<double> Widen(ReadOnlyMemory<T> values, int rows, int cols)
    {
        var result = new Matrix<double>(rows, cols);
        var span = values.Span;
        for (int i = 0; i < span.Length; i++) result.Data[i] = double.CreateTruncating(span[i]);
        return result;
    }

    /// <summary>What the separate pass saw; finished into an <see cref="UpdateTrace"/> once the update is made.</summary>
    private sealed record Recording(Matrix<double>[] Activations, Matrix<double>?[] Gradients, double Cost,
        (LocalGradientKind Kind, Matrix<double>? Values)[] Locals, Matrix<double>[][] ParameterGradients, Matrix<double>[] Before,
        double[][] FiniteDifferences, Matrix<double> Targets)
    {
        public UpdateTrace Finish(UpdateTracer<T> tracer, int update, int epoch, int batch, double trainingCost)
        {
            var network = tracer._network;
            var layers = network.Layers;
            var names = TraceNames.For(layers.Select(l => l.Parameters.Count > 0).ToList(), tracer._cost is ILogitCost<T>);
            var traced = tracer._optimizer as ITracedOptimizer<T>;
            var parameters = new List<ParameterTrace>();
            var perLayer = new List<ParameterTrace>[layers.Count];
            int index = 0;
            for (int i = 0; i < layers.Count; i++)
            {
                perLayer[i] = new List<ParameterTrace>();
                foreach (var p in layers[i].Parameters)
                {
                    var state = traced?.State(index)
                        .Select(s => (s.Name, Widen(s.Values, p.Value.Rows, p.Value.Cols))).ToList() ?? [];
                    var trace = new ParameterTrace(names.Parameter(i, p.Name), p.Name, i, Before[index], Widen(p.Gradient),
                        FiniteDifferences[index], Math.Min(CheckedElements, p.Value.Length), state, Widen(p.Value));
                    parameters.Add(trace);
                    perLayer[i].Add(trace with { Gradient = ParameterGradients[i][perLayer[i].Count] });
                    index++;
                }
            }

            var nodes = new List<NodeTrace>();
            for (int i = 0; i < layers.Count; i++)
            {
                var layer = layers[i];
                var described = layer as IDescribesGradient;
                var substitute = (string? formula) => names.Substitute(formula, i, layer.Parameters.Select(p => p.Name));
                nodes.Add(new NodeTrace(i, network.Specs[i].Name, "", names.Input(i), names.Output(i),
                    substitute(described?.ForwardFormula), substitute(described?.LocalGradientFormula), Activations[i + 1],
                    Gradients[i + 1]!, Locals[i].Kind, Locals[i].Values, i > 0 ? Gradients[i] : null, perLayer[i],
                    layer is Layers.LinearLayer<T>));
            }

            var costDescribed = tracer._cost as IDescribesGradient;
            string prediction = names.Output(layers.Count - 1);
            Matrix<double>? probabilities = null;
            if (tracer._cost is ILogitCost<T> logits)
            {
                var z = ToT(Activations[^1]);
                var p = new Matrix<T>(z.Rows, z.Cols);
                logits.ToProbabilities(z, p);
                probabilities = Widen(p);
            }
            var cost = new CostTrace(tracer._costName, names.SubstituteCost(costDescribed?.ForwardFormula, prediction),
                names.SubstituteCost(costDescribed?.LocalGradientFormula, prediction), prediction, Targets, probabilities, trainingCost,
                Gradients[^1]!);
            var optimizer = new OptimizerTrace(tracer._optimizerName, traced?.UpdateFormula, traced?.Scalars(update) ?? []);
            return new UpdateTrace(update, epoch, batch, names.Input(0), Activations[0], nodes, cost, optimizer, parameters);
        }

        private static Matrix<T> ToT(Matrix<double> values) => values as Matrix<T> ?? values.ConvertTo<T>();
    }
}

/// <summary>Training diverged before the update asked for.</summary>
public sealed class TraceException(string message) : Exception(message);
