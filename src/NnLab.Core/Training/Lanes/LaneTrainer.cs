using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Numerics.Gemm;
using NnLab.Optimizers;

namespace NnLab.Training.Lanes;

/// <summary>
/// Trains up to <see cref="Width"/> trials of one model shape side by side: every parameter, activation and gradient
/// is an array of vectors, one lane per trial, so one pass of the training loop advances them all. Each lane does
/// exactly its trial's arithmetic (<see cref="LaneMath{T}"/>): its costs, final weights and predictions are those of
/// <see cref="Trainer{T}.Train"/> on that trial alone, bit for bit. The trials may differ in initial weights, data
/// (of one shape), learning rate and the optimizer's other settings, shuffle seed and divergence bound.
/// </summary>
/// <remarks>
/// What a lane can do (<see cref="Supports"/>): linear, sigmoid, tanh and relu layers on either kernels; the half
/// squared error or binary cross-entropy; gradient descent, momentum (Nesterov too) or Adam, with their learning-rate
/// schedules; full batch or mini-batches, shuffled or not. No validation split, early stopping or checkpoints: trials
/// that need them train alone. Each lane stops on its own when it diverges or is cancelled.
/// </remarks>
public static class LaneTrainer<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Trials per pass: a 256-bit vector's lanes (4 for float64, 8 for float32).</summary>
    public static int Width => Vector256<T>.Count;

    /// <summary>
    /// The largest product (2·units·inputs·batch flops) a lane layer runs: the lane loops do not block for the cache as
    /// the one-trial products do, so large models train faster alone.
    /// </summary>
    private const double MaxLayerFlops = 1 << 20;

    /// <summary>Whether <paramref name="member"/> can train in a lane.</summary>
    public static bool Supports(LaneMember<T> member)
    {
        if (!Vector256.IsHardwareAccelerated || !Vector256<T>.IsSupported) return false;
        var (network, settings) = (member.Network, member.Settings);
        if (network.Operations is not (FastMatrixOperations<T> or ReferenceMatrixOperations<T>) || settings.EarlyStopping is not null) return false;
        if (member.Cost is not (HalfSquaredErrorCost<T> or BinaryCrossEntropyCost<T>) || member.Optimizer is not ILaneOptimizer<T>) return false;
        if (member.Inputs.Rows != network.InputSize || member.Targets.Rows != network.OutputSize || member.Inputs.Cols != member.Targets.Cols
            || member.Inputs.Cols == 0) return false;
        int batch = settings.EffectiveBatchSize(member.Inputs.Cols);
        for (int i = 0; i < network.Layers.Count; i++)
        {
            var layer = network.Layers[i];
            if (layer is LinearLayer<T>)
            {
                if (2.0 * network.Sizes[i] * network.Sizes[i + 1] * batch > MaxLayerFlops) return false;
            }
            else if (layer is not (SigmoidLayer<T> or TanhLayer<T> or ReluLayer<T>)) return false;
        }
        return true;
    }

    /// <summary>Whether two supported members can share a pass: the same layers, sizes, cost, update rule, epochs and batching.</summary>
    public static bool Compatible(LaneMember<T> a, LaneMember<T> b)
    {
        if (!a.Network.Sizes.SequenceEqual(b.Network.Sizes) || a.Network.Layers.Count != b.Network.Layers.Count) return false;
        for (int i = 0; i < a.Network.Layers.Count; i++)
        {
            var (x, y) = (a.Network.Layers[i], b.Network.Layers[i]);
            if (x.GetType() != y.GetType() || x.Parameters.Count != y.Parameters.Count) return false;
        }
        var (sa, sb) = (a.Settings, b.Settings);
        return a.Network.Operations!.GetType() == b.Network.Operations!.GetType() && a.Cost.GetType() == b.Cost.GetType()
            && ((ILaneOptimizer<T>)a.Optimizer).Rule == ((ILaneOptimizer<T>)b.Optimizer).Rule
            && a.Inputs.Cols == b.Inputs.Cols
            && sa.Epochs == sb.Epochs && sa.LogEvery == sb.LogEvery && sa.Shuffle == sb.Shuffle
            && sa.EffectiveBatchSize(a.Inputs.Cols) == sb.EffectiveBatchSize(b.Inputs.Cols);
    }

    /// <summary>
    /// Trains <paramref name="members"/> (1 to <see cref="Width"/>, each supported, all compatible) together; returns
    /// each one's result, in order, as <see cref="Trainer{T}.Train"/> would have returned it.
    /// </summary>
    public static TrainingResult[] Train(IReadOnlyList<LaneMember<T>> members, CancellationToken cancellation = default)
    {
        if (members.Count < 1 || members.Count > Width)
            throw new ArgumentException($"{members.Count} members: a pass trains 1 to {Width}");
        foreach (var member in members)
            if (!Supports(member) || !Compatible(members[0], member))
                throw new ArgumentException("every member must be supported and compatible with the first");
        return new LanePass(members).Run(cancellation);
    }

    private enum StepKind { Linear, Sigmoid, Tanh, Relu }

    /// <summary>Layer i of the plan: what it computes, its sizes, and its parameters' indexes (−1: no bias).</summary>
    private readonly record struct Step(StepKind Kind, int In, int Out, int Weights, int Bias);

    /// <summary>One pass over up to <see cref="Width"/> members: all of training's state, as vectors of lanes.</summary>
    private sealed class LanePass
    {
        private static readonly int W = Vector256<T>.Count;
        private readonly IReadOnlyList<LaneMember<T>> _members;
        private readonly Step[] _steps;
        private readonly Vector256<T>[][] _values, _gradients, _first, _second; // per parameter
        private readonly LaneRule _rule;
        private readonly bool _crossEntropy;
        private readonly bool _fused; // the fast kernels on FMA hardware: products accumulate with fused multiply–adds
        private readonly TrainingSettings _settings;
        private readonly int _m, _batchSize;
        private readonly Buffers _full, _last;
        private readonly MiniBatches<T>[]? _batches;
        private readonly T[] _scalar = new T[Vector256<T>.Count];
        private readonly LaneScalars<T>[] _stepScalars = new LaneScalars<T>[Vector256<T>.Count];
        // Without a schedule or bias corrections every step has the scalars of the first: they are made vectors once.
        private readonly bool _sameVectorsEveryStep;
        private bool _vectorsHeld;
        private StepVectors _vectors;
        private readonly double[] _costs;
        private readonly bool[] _done, _halted;
        private readonly TrainingResult?[] _results;

        public LanePass(IReadOnlyList<LaneMember<T>> members)
        {
            _members = members;
            var first = members[0];
            _settings = first.Settings;
            _rule = ((ILaneOptimizer<T>)first.Optimizer).Rule;
            _sameVectorsEveryStep = members.All(m => ((ILaneOptimizer<T>)m.Optimizer).SameScalarsEveryStep);
            _crossEntropy = first.Cost is BinaryCrossEntropyCost<T>;
            _fused = ProductRounding.IsFused(first.Network.Operations) == true;
            _steps = Plan(first.Network);
            var parameters = first.Network.Parameters;
            _values = parameters.Select((p, k) => Interleave(members.Select(x => x.Network.Parameters[k].Value.Data).ToArray(), p.Value.Length)).ToArray();
            _gradients = parameters.Select(p => new Vector256<T>[p.Value.Length]).ToArray();
            bool moments = _rule is LaneRule.Momentum or LaneRule.Nesterov or LaneRule.Adam;
            _first = parameters.Select(p => new Vector256<T>[moments ? p.Value.Length : 0]).ToArray();
            _second = parameters.Select(p => new Vector256<T>[_rule == LaneRule.Adam ? p.Value.Length : 0]).ToArray();
            _m = first.Inputs.Cols;
            _batchSize = _settings.EffectiveBatchSize(_m);
            var sizes = first.Network.Sizes;
            _full = new Buffers(sizes, _batchSize);
            int rest = _m - ((_m + _batchSize - 1) / _batchSize - 1) * _batchSize;
            _last = rest == _batchSize ? _full : new Buffers(sizes, rest);
            if (_batchSize == _m)
            {
                Fill(_full.Activations[0], members.Select(x => x.Inputs.Data).ToArray());
                Fill(_full.Targets, members.Select(x => x.Targets.Data).ToArray());
            }
            else
            {
                _batches = members.Select(x => new MiniBatches<T>(x.Inputs, x.Targets, _batchSize, x.Settings.Shuffle, x.Settings.ShuffleSeed)).ToArray();
            }
            _costs = new double[members.Count];
            _done = new bool[members.Count];
            _halted = new bool[members.Count];
            _results = new TrainingResult?[members.Count];
        }

        public TrainingResult[] Run(CancellationToken cancellation) =>
            _fused ? Run<FusedRounding<T>>(cancellation) : Run<SeparateRounding<T>>(cancellation);

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private TrainingResult[] Run<TRounding>(CancellationToken cancellation) where TRounding : IProductRounding<T>
        {
            int lanes = _members.Count;
            var divergence = _members.Select(x => new DivergenceCheck(x.Settings.DivergenceFactor)).ToArray();
            int epoch = 0, lastRecorded = -1;
            bool cancelled = false;
            for (; epoch < _settings.Epochs; epoch++)
            {
                if (cancellation.IsCancellationRequested)
                {
                    cancelled = true;
                    break;
                }
                bool record = epoch == _settings.Epochs - 1 || epoch % _settings.LogEvery == 0;
                if (_batches is null) Evaluate<TRounding>(_full);
                else Epoch<TRounding>(epoch);
                int active = 0;
                for (int l = 0; l < lanes; l++)
                {
                    if (_done[l]) continue;
                    double cost = _costs[l];
                    if (divergence[l].Check(cost) is { } diverged)
                    {
                        _members[l].Observer.OnCostRecorded(epoch, cost);
                        Finish(l, TrainingStatus.Diverged, epoch, cost, $"{diverged} at epoch {epoch}");
                        continue;
                    }
                    active++;
                    if (record) _members[l].Observer.OnCostRecorded(epoch, cost);
                }
                if (record) lastRecorded = epoch;
                if (active == 0) return Results();
                if (_batches is null) Update<TRounding>(_full, epoch);
            }
            for (int l = 0; l < lanes; l++)
            {
                if (_done[l]) continue;
                // As the one-trial loop: a cancelled run's record ends at the epoch it stopped at.
                if (cancelled && epoch > 0 && lastRecorded != epoch - 1) _members[l].Observer.OnCostRecorded(epoch - 1, _costs[l]);
                Finish(l, cancelled ? TrainingStatus.Cancelled : TrainingStatus.Completed, epoch, epoch == 0 ? double.NaN : _costs[l],
                    cancelled ? "cancelled by the user" : null);
            }
            return Results();
        }

        private TrainingResult[] Results() => _results.Select(r => r!).ToArray();

        /// <summary>One epoch of mini-batches: each lane's size-weighted mean batch cost, or its first non-finite one.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Epoch<TRounding>(int epoch) where TRounding : IProductRounding<T>
        {
            var batches = _batches!;
            for (int l = 0; l < batches.Length; l++) batches[l].StartEpoch();
            Span<double> weighted = stackalloc double[batches.Length];
            weighted.Clear();
            int count = batches[0].Count;
            for (int b = 0; b < count; b++)
            {
                var buffers = b == count - 1 ? _last : _full;
                (Matrix<T> X, Matrix<T> Y) batch = batches[0].Gather(b);
                for (int l = 0; l < W; l++)
                {
                    if (l > 0 && l < batches.Length) batch = batches[l].Gather(b); // spare lanes repeat the last member's batch
                    FillLane(buffers.Activations[0], batch.X.Data, l);
                    FillLane(buffers.Targets, batch.Y.Data, l);
                }
                Evaluate<TRounding>(buffers);
                for (int l = 0; l < batches.Length; l++)
                {
                    if (_done[l] || _halted[l]) continue;
                    double cost = _costs[l];
                    if (!double.IsFinite(cost))
                    {
                        // The lone trial stops here, before this batch's update: keep the weights it stops with.
                        CopyOut(l);
                        _halted[l] = true;
                        weighted[l] = cost;
                        continue;
                    }
                    weighted[l] += cost * buffers.BatchSize;
                }
                Update<TRounding>(buffers, epoch * count + b);
            }
            for (int l = 0; l < batches.Length; l++) _costs[l] = _halted[l] ? weighted[l] : weighted[l] / _m;
        }

        /// <summary>Forward pass and cost of every lane; leaves dCost/dOutput in the last gradient buffer.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Evaluate<TRounding>(Buffers buffers) where TRounding : IProductRounding<T>
        {
            var (a, mb) = (buffers.Activations, buffers.BatchSize);
            for (int i = 0; i < _steps.Length; i++)
            {
                var s = _steps[i];
                switch (s.Kind)
                {
                    case StepKind.Linear:
                        LaneMath<T>.Linear<TRounding>(_values[s.Weights], s.Bias < 0 ? default : _values[s.Bias], a[i], a[i + 1], s.Out, s.In, mb);
                        break;
                    case StepKind.Sigmoid: LaneMath<T>.Sigmoid(a[i], a[i + 1]); break;
                    case StepKind.Tanh: LaneMath<T>.Tanh(a[i], a[i + 1]); break;
                    default: LaneMath<T>.Relu(a[i], a[i + 1]); break;
                }
            }
            if (_crossEntropy) CrossEntropy(buffers);
            else HalfSquaredError(buffers);
        }

        /// <summary>1/(2m)·Σ(y − ŷ)² summed pairwise, and its gradient −(y − ŷ)/m (<see cref="HalfSquaredErrorCost{T}"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void HalfSquaredError(Buffers buffers)
        {
            var (p, y, g, squares, mb) = (buffers.Activations[^1], buffers.Targets, buffers.Gradients[^1], buffers.Squares, buffers.BatchSize);
            for (int i = 0; i < p.Length; i++)
            {
                var d = y[i] - p[i];
                squares[i] = d * d;
            }
            var cost = Vector256.Create(T.One / T.CreateTruncating(2 * mb)) * LaneMath<T>.Sum(squares);
            var scale = Vector256.Create(-T.One / T.CreateTruncating(mb));
            for (int i = 0; i < g.Length; i++) g[i] = scale * (y[i] - p[i]);
            for (int l = 0; l < _costs.Length; l++) _costs[l] = double.CreateTruncating(cost.GetElement(l));
        }

        /// <summary>The clipped binary cross-entropy, lane by lane in its own order (<see cref="BinaryCrossEntropyCost{T}"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void CrossEntropy(Buffers buffers)
        {
            var p = MemoryMarshal.Cast<Vector256<T>, T>(buffers.Activations[^1].AsSpan());
            var y = MemoryMarshal.Cast<Vector256<T>, T>(buffers.Targets.AsSpan());
            var g = MemoryMarshal.Cast<Vector256<T>, T>(buffers.Gradients[^1].AsSpan());
            T m = T.CreateTruncating(buffers.BatchSize);
            var (low, high) = (BinaryCrossEntropyCost<T>.Low, BinaryCrossEntropyCost<T>.High);
            int n = buffers.Targets.Length;
            for (int l = 0; l < _costs.Length; l++)
            {
                T sum = T.Zero;
                for (int i = 0; i < n; i++)
                {
                    int k = i * W + l;
                    T clipped = T.Clamp(p[k], low, high);
                    sum += y[k] * T.Log(clipped) + (T.One - y[k]) * T.Log(T.One - clipped);
                    bool inside = p[k] > low && p[k] < high;
                    g[k] = inside ? (-y[k] / clipped + (T.One - y[k]) / (T.One - clipped)) / m : T.Zero;
                }
                _costs[l] = double.CreateTruncating(-sum / m);
            }
        }

        /// <summary>Back-propagates the last evaluation and applies update number <paramref name="step"/> to every lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Update<TRounding>(Buffers buffers, int step) where TRounding : IProductRounding<T>
        {
            var (a, g, mb) = (buffers.Activations, buffers.Gradients, buffers.BatchSize);
            for (int i = _steps.Length - 1; i >= 0; i--)
            {
                var s = _steps[i];
                bool below = i > 0;
                switch (s.Kind)
                {
                    case StepKind.Linear:
                        LaneMath<T>.WeightGradient<TRounding>(g[i + 1], a[i], _gradients[s.Weights], s.Out, s.In, mb);
                        if (s.Bias >= 0) LaneMath<T>.SumRows(g[i + 1], s.Out, _gradients[s.Bias]);
                        if (below) LaneMath<T>.InputGradient<TRounding>(_values[s.Weights], g[i + 1], g[i], s.Out, s.In, mb);
                        break;
                    case StepKind.Sigmoid when below: LaneMath<T>.SigmoidGradient(a[i + 1], g[i + 1], g[i]); break;
                    case StepKind.Tanh when below: LaneMath<T>.TanhGradient(a[i + 1], g[i + 1], g[i]); break;
                    case StepKind.Relu when below: LaneMath<T>.ReluGradient(a[i], g[i + 1], g[i]); break;
                }
            }
            Step(step);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Step(int step)
        {
            if (!_vectorsHeld)
            {
                _vectors = VectorsAt(step);
                _vectorsHeld = _sameVectorsEveryStep;
            }
            var rate = _vectors.Rate;
            switch (_rule)
            {
                case LaneRule.GradientDescent:
                    for (int k = 0; k < _values.Length; k++) LaneMath<T>.GradientDescent(_values[k], _gradients[k], rate);
                    break;
                case LaneRule.Momentum or LaneRule.Nesterov:
                    for (int k = 0; k < _values.Length; k++)
                        LaneMath<T>.Momentum(_values[k], _first[k], _gradients[k], _vectors.Mu, rate, _rule == LaneRule.Nesterov);
                    break;
                default:
                    for (int k = 0; k < _values.Length; k++) LaneMath<T>.Adam(_values[k], _first[k], _second[k], _gradients[k], _vectors.Adam);
                    break;
            }
        }

        /// <summary>Step <paramref name="step"/>'s scalars as vectors, each lane's from its own optimizer.</summary>
        private StepVectors VectorsAt(int step)
        {
            for (int l = 0; l < W; l++) _stepScalars[l] = OptimizerOf(l).ScalarsAt(step);
            return _rule switch
            {
                LaneRule.GradientDescent => new StepVectors { Rate = Lanes(static s => s.Rate) },
                LaneRule.Momentum or LaneRule.Nesterov => new StepVectors { Rate = Lanes(static s => s.Rate), Mu = Lanes(static s => s.Mu) },
                _ => new StepVectors
                {
                    Adam = new LaneMath<T>.AdamVectors
                    {
                        Beta1 = Lanes(static s => s.Adam.Beta1), Beta2 = Lanes(static s => s.Adam.Beta2),
                        Keep1 = Lanes(static s => s.Adam.Keep1), Keep2 = Lanes(static s => s.Adam.Keep2),
                        Rate = Lanes(static s => s.Adam.Rate), Epsilon = Lanes(static s => s.Adam.Epsilon),
                        Correction1 = Lanes(static s => s.Adam.Correction1), Correction2 = Lanes(static s => s.Adam.Correction2),
                    },
                },
            };
        }

        /// <summary>Lane <paramref name="lane"/>'s optimizer (spare lanes repeat the last member's).</summary>
        private ILaneOptimizer<T> OptimizerOf(int lane) => (ILaneOptimizer<T>)_members[Math.Min(lane, _members.Count - 1)].Optimizer;

        /// <summary>One of this step's scalars, each lane's from its own optimizer (spare lanes repeat the last member's).</summary>
        private Vector256<T> Lanes(Func<LaneScalars<T>, T> field)
        {
            for (int l = 0; l < W; l++) _scalar[l] = field(_stepScalars[l]);
            return Vector256.Create<T>(_scalar);
        }

        /// <summary>Ends lane <paramref name="lane"/>: its weights go back to its network (unless already there), which scores them.</summary>
        private void Finish(int lane, TrainingStatus status, int epochs, double cost, string? reason)
        {
            if (!_halted[lane]) CopyOut(lane);
            var member = _members[lane];
            _results[lane] = Trainer<T>.Conclude(member.Network, member.Cost, member.Inputs, member.Targets, status, epochs, cost, reason);
            _done[lane] = true;
        }

        private void CopyOut(int lane)
        {
            var parameters = _members[lane].Network.Parameters;
            for (int k = 0; k < parameters.Count; k++)
            {
                var (source, target) = (_values[k], parameters[k].Value.Data);
                for (int e = 0; e < target.Length; e++) target[e] = source[e].GetElement(lane);
            }
        }

        private static Step[] Plan(Network<T> network)
        {
            var steps = new Step[network.Layers.Count];
            int parameter = 0;
            for (int i = 0; i < steps.Length; i++)
            {
                var layer = network.Layers[i];
                var (input, output) = (network.Sizes[i], network.Sizes[i + 1]);
                steps[i] = layer switch
                {
                    LinearLayer<T> => new Step(StepKind.Linear, input, output, parameter, layer.Parameters.Count > 1 ? parameter + 1 : -1),
                    SigmoidLayer<T> => new Step(StepKind.Sigmoid, input, output, -1, -1),
                    TanhLayer<T> => new Step(StepKind.Tanh, input, output, -1, -1),
                    _ => new Step(StepKind.Relu, input, output, -1, -1),
                };
                parameter += layer.Parameters.Count;
            }
            return steps;
        }

        /// <summary>Lane l of element e holds sources[l][e]; spare lanes repeat the last source.</summary>
        private static Vector256<T>[] Interleave(T[][] sources, int length)
        {
            var result = new Vector256<T>[length];
            Fill(result, sources);
            return result;
        }

        private static void Fill(Vector256<T>[] target, T[][] sources)
        {
            for (int l = 0; l < W; l++) FillLane(target, sources[Math.Min(l, sources.Length - 1)], l);
        }

        private static void FillLane(Vector256<T>[] target, T[] source, int lane)
        {
            var flat = MemoryMarshal.Cast<Vector256<T>, T>(target.AsSpan());
            for (int e = 0; e < target.Length; e++) flat[e * W + lane] = source[e];
        }
    }

    /// <summary>One step's scalars, a vector of lanes each: the rate and μ, or Adam's.</summary>
    private struct StepVectors
    {
        public Vector256<T> Rate, Mu;
        public LaneMath<T>.AdamVectors Adam;
    }

    /// <summary>The activations, gradients, targets and squared errors of one batch size, allocated once.</summary>
    private sealed class Buffers
    {
        public Buffers(IReadOnlyList<int> sizes, int batchSize)
        {
            BatchSize = batchSize;
            Activations = sizes.Select(n => new Vector256<T>[n * batchSize]).ToArray();
            Gradients = sizes.Select((n, i) => new Vector256<T>[i == 0 ? 0 : n * batchSize]).ToArray();
            Targets = new Vector256<T>[sizes[^1] * batchSize];
            Squares = new Vector256<T>[sizes[^1] * batchSize];
        }

        public int BatchSize { get; }
        public Vector256<T>[][] Activations { get; }
        public Vector256<T>[][] Gradients { get; }
        public Vector256<T>[] Targets { get; }
        public Vector256<T>[] Squares { get; }
    }
}
