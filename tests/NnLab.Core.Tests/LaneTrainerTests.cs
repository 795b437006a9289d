using System.Numerics;
using NnLab.Costs;
using NnLab.Layers;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Registry;
using NnLab.Training;
using NnLab.Training.Lanes;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

/// <summary>Trials trained side by side in lanes give the bits of each trial trained alone.</summary>
public class LaneTrainerTests
{
    /// <summary>One trial: how to build its network, cost and optimizer afresh, its data and settings.</summary>
    private sealed record Trial<T>(uint Seed, ComponentSpec[] Layers, Func<ICost<T>> Cost, Func<IOptimizer<T>> Optimizer,
        Matrix<T> Inputs, Matrix<T> Targets, TrainingSettings Settings) where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The reference kernels (multiply, then add) instead of the fast ones (fused multiply–add).</summary>
        public bool Reference { get; init; }

        public Network<T> Build() => Network<T>.Build(Layers, Inputs.Rows, new NumpyRandomState(Seed),
            Reference ? ReferenceMatrixOperations<T>.Instance : new FastMatrixOperations<T>(1), TestModels.Registry);
    }

    private sealed record Outcome(TrainingResult Result, List<(int Epoch, double Cost)> Costs, double[][] Weights);

    private static Outcome Alone<T>(Trial<T> trial, Func<int, bool>? cancelAt = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var network = trial.Build();
        var (observer, token) = Observer(cancelAt);
        var result = new Trainer<T>(network, trial.Cost(), trial.Optimizer()).Train(trial.Inputs, trial.Targets, trial.Settings, observer,
            cancellation: token);
        return new Outcome(result, observer.Rows, Weights(network));
    }

    private static Outcome[] Together<T>(IReadOnlyList<Trial<T>> trials, Func<int, bool>? cancelAt = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var observers = trials.Select(_ => Observer(cancelAt)).ToList();
        // One token for the pass: the first observer's (each trial's observer cancels at the same epoch).
        var members = trials.Select((t, i) => new LaneMember<T>(t.Build(), t.Cost(), t.Optimizer(), t.Inputs, t.Targets, t.Settings,
            observers[i].Observer)).ToList();
        Assert.All(members, m => Assert.True(LaneTrainer<T>.Supports(m)));
        var results = LaneTrainer<T>.Train(members, observers[0].Token);
        return results.Select((r, i) => new Outcome(r, observers[i].Observer.Rows, Weights(members[i].Network))).ToArray();
    }

    private static (CancellingRecorder Observer, CancellationToken Token) Observer(Func<int, bool>? cancelAt)
    {
        var recorder = new CancellingRecorder(cancelAt);
        return (recorder, recorder.Token);
    }

    private sealed class CancellingRecorder(Func<int, bool>? cancelAt) : ITrainingObserver
    {
        private readonly CancellationTokenSource _source = new();
        public CancellationToken Token => _source.Token;
        public List<(int Epoch, double Cost)> Rows { get; } = [];

        public void OnCostRecorded(int epoch, double cost)
        {
            Rows.Add((epoch, cost));
            if (cancelAt?.Invoke(epoch) == true) _source.Cancel();
        }
    }

    private static double[][] Weights<T>(Network<T> network) where T : IFloatingPointIeee754<T> =>
        network.Parameters.Select(p => p.Value.Data.Select(double.CreateTruncating).ToArray()).ToArray();

    private static void AssertSameBits<T>(IReadOnlyList<Trial<T>> trials, Func<int, bool>? cancelAt = null) where T : unmanaged, IFloatingPointIeee754<T>
    {
        var together = Together(trials, cancelAt);
        for (int i = 0; i < trials.Count; i++)
        {
            var alone = Alone(trials[i], cancelAt);
            var lane = together[i];
            Assert.Equal(alone.Costs, lane.Costs);
            Assert.Equal(alone.Weights, lane.Weights);
            Assert.Equal(alone.Result with { Predictions = lane.Result.Predictions }, lane.Result);
            Assert.Equal(alone.Result.Predictions.Data, lane.Result.Predictions.Data);
        }
    }

    private static ComponentSpec Layer(string name) => Spec(ComponentKind.Layer, name);

    private static Trial<double> Xor(uint seed, double rate, TrainingSettings? settings = null, Func<IOptimizer<double>>? optimizer = null) =>
        new(seed, [Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid], () => new HalfSquaredErrorCost<double>(),
            optimizer ?? (() => GradientDescent(rate)), XorInputs, XorTargets, settings ?? new TrainingSettings(5000, 100));

    [Fact]
    public void The_tutorial_xor_in_a_lane_keeps_the_tutorials_cost()
    {
        // The tutorial's numbers come from the reference kernels (a multiply, then an add), NnLab's default.
        var lanes = Together([Xor(48, 1) with { Reference = true }, Xor(48, 0.5) with { Reference = true }]);
        Assert.Equal(0.0009210166430616655, lanes[0].Costs.Single(r => r.Epoch == 4900).Cost, 0.0009210166430616655 * 1e-12);
        AssertSameBits([Xor(48, 1) with { Reference = true }, Xor(48, 0.5) with { Reference = true }]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Learning_rates_and_seeds_side_by_side_give_each_trials_own_bits(bool reference)
    {
        AssertSameBits(new[] { Xor(48, 1), Xor(1, 0.05), Xor(2, 5), Xor(3, 50) }.Select(t => t with { Reference = reference }).ToList());
        AssertSameBits(new[] { Xor(48, 2), Xor(9, 0.3) }.Select(t => t with { Reference = reference }).ToList()); // spare lanes
    }

    [Fact]
    public void A_lane_that_diverges_stops_alone_and_the_others_go_on()
    {
        var trials = new[] { Xor(48, 1), Xor(48, 1e6, new TrainingSettings(500, 10) { DivergenceFactor = 1.5 }), Xor(5, 3000) };
        // Lanes must agree on epochs and logging; the divergence bound is each trial's own.
        trials[0] = trials[0] with { Settings = new TrainingSettings(500, 10) };
        trials[2] = trials[2] with { Settings = new TrainingSettings(500, 10) { DivergenceFactor = 2 } };
        var together = Together(trials);
        Assert.Equal(TrainingStatus.Completed, together[0].Result.Status);
        Assert.Equal(TrainingStatus.Diverged, together[1].Result.Status);
        Assert.True(together[1].Result.EpochsCompleted < 500);
        AssertSameBits(trials);
    }

    [Fact]
    public void Cancellation_stops_every_lane_where_a_lone_trial_stops()
    {
        var settings = new TrainingSettings(3000, 7);
        var lanes = Together([Xor(48, 1, settings), Xor(3, 2, settings)], epoch => epoch >= 1000);
        Assert.All(lanes, l => Assert.Equal((TrainingStatus.Cancelled, 1002), (l.Result.Status, l.Result.EpochsCompleted)));
        AssertSameBits([Xor(48, 1, settings), Xor(3, 2, settings)], epoch => epoch >= 1000);
    }

    /// <summary>Random data: inputs × m values in [−1, 1), targets 0/1 from a threshold on the first inputs.</summary>
    private static (Matrix<T> X, Matrix<T> Y) Data<T>(int inputs, int m, uint seed) where T : IFloatingPointIeee754<T>
    {
        var random = new NumpyRandomState(seed);
        var x = new Matrix<double>(inputs, m);
        for (int i = 0; i < x.Length; i++) x.Data[i] = random.Uniform(-1, 1);
        var y = new Matrix<double>(1, m);
        for (int j = 0; j < m; j++) y.Data[j] = x.Data[j] + x.Data[m + j] > 0.1 ? 1 : 0;
        return typeof(T) == typeof(double) ? ((Matrix<T>)(object)x, (Matrix<T>)(object)y) : (x.ConvertTo<T>(), y.ConvertTo<T>());
    }

    private static Trial<T> Deep<T>(uint seed, Func<IOptimizer<T>> optimizer, TrainingSettings settings, int m = 50, uint dataSeed = 3)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (x, y) = Data<T>(4, m, dataSeed);
        return new Trial<T>(seed, [Linear(16, "he"), Layer("relu"), Linear(12, "xavier"), Layer("tanh"), Linear(1, "xavier"), Sigmoid],
            () => new BinaryCrossEntropyCost<T>(), optimizer, x, y, settings);
    }

    private static Func<IOptimizer<T>> Adam<T>(double rate) where T : IFloatingPointIeee754<T> =>
        () => new AdamOptimizer<T>(new AdamOptions { LearningRate = rate });

    private static Func<IOptimizer<T>> Momentum<T>(double rate, bool nesterov) where T : IFloatingPointIeee754<T> =>
        () => new MomentumOptimizer<T>(new MomentumOptions { LearningRate = rate, Nesterov = nesterov, Momentum = 0.8 });

    [Fact]
    public void Shuffled_mini_batches_with_adam_on_each_trials_own_data()
    {
        // Batches of 8 of 50 examples: six full and a last of 2; each trial shuffles with its own seed and has its own data.
        TrainingSettings Shuffled(uint seed) => new(60, 1, 8, true, seed);
        AssertSameBits([
            Deep(1, Adam<double>(0.01), Shuffled(2)), Deep(2, Adam<double>(0.001), Shuffled(3), dataSeed: 4),
            Deep(3, Adam<double>(0.1), Shuffled(4)), Deep(4, () => new AdamOptimizer<double>(new AdamOptions { LearningRate = 0.01, Beta1 = 0.5 }), Shuffled(5)),
        ]);
    }

    [Fact]
    public void Momentum_nesterov_and_float32_lanes()
    {
        var settings = new TrainingSettings(200, 3);
        AssertSameBits([Deep(1, Momentum<double>(0.1, false), settings), Deep(2, Momentum<double>(0.02, false), settings)]);
        AssertSameBits([Deep(1, Momentum<double>(0.1, true), settings), Deep(5, Momentum<double>(0.3, true), settings)]);
        // Eight float32 lanes, unshuffled batches of 16.
        var batches = new TrainingSettings(100, 5, 16);
        AssertSameBits(Enumerable.Range(0, 8).Select(i => Deep((uint)i, Adam<float>(0.001 * (i + 1)), batches)).ToList());
    }

    [Fact]
    public void A_learning_rate_schedule_in_a_lane_changes_its_rate_at_every_step_as_alone()
    {
        // A pass without schedules makes its rates once; one lane with a schedule makes every lane take its rate afresh each step.
        Func<IOptimizer<double>> Decaying(double rate, LearningRateDecay decay) =>
            () => new GradientDescentOptimizer<double>(new GradientDescentOptions { LearningRate = rate, Decay = decay, DecaySteps = 500 });
        var settings = new TrainingSettings(3000, 7);
        AssertSameBits([Xor(48, 2, settings), Xor(3, 4, settings, Decaying(4, LearningRateDecay.Step)),
            Xor(5, 8, settings, Decaying(8, LearningRateDecay.Exponential))]);
        AssertSameBits([Xor(3, 4, settings, Decaying(4, LearningRateDecay.Step)), Xor(5, 4, settings, Decaying(4, LearningRateDecay.Step))]);
        var momentum = new TrainingSettings(200, 3);
        AssertSameBits([Deep(1, Momentum<double>(0.1, false), momentum), Deep(2, () => new MomentumOptimizer<double>(
            new MomentumOptions { LearningRate = 0.1, Momentum = 0.8, Decay = LearningRateDecay.Exponential, DecaySteps = 20 }), momentum)]);
    }

    [Fact]
    public void Products_large_enough_for_the_blocked_kernels_keep_their_bits()
    {
        // 40 units × 10 inputs × 64 examples: past the small-product loops, into the packed register tiles.
        var (x, y) = Data<double>(10, 64, 11);
        Trial<double> Wide(uint seed, double rate) => new(seed, [Linear(40, "he"), Layer("relu"), Linear(1, "xavier"), Sigmoid],
            () => new HalfSquaredErrorCost<double>(), () => GradientDescent(rate), x, y, new TrainingSettings(100, 1));
        AssertSameBits([Wide(1, 0.5), Wide(2, 0.1), Wide(3, 1)]);
        AssertSameBits([Wide(1, 0.5) with { Reference = true }, Wide(2, 0.1) with { Reference = true }]);
    }

    [Fact]
    public void What_lanes_cannot_do_is_refused_and_the_shapes_must_match()
    {
        var xor = Xor(48, 1);
        LaneMember<double> Member(Trial<double> t, ICost<double>? cost = null) =>
            new(t.Build(), cost ?? t.Cost(), t.Optimizer(), t.Inputs, t.Targets, t.Settings, new CostRecorder());
        Assert.True(LaneTrainer<double>.Supports(Member(xor)));
        Assert.False(LaneTrainer<double>.Supports(Member(xor, new SoftmaxCrossEntropyCost<double>())));
        Assert.False(LaneTrainer<double>.Supports(Member(xor with { Settings = xor.Settings with { EarlyStopping = new EarlyStopping(StoppingMonitor.Cost, 10, 0) } })));
        var reference = new LaneMember<double>(Build(2, 48, xor.Layers), xor.Cost(), xor.Optimizer(), xor.Inputs, xor.Targets, xor.Settings, new CostRecorder());
        Assert.True(LaneTrainer<double>.Supports(reference));
        Assert.False(LaneTrainer<double>.Compatible(Member(xor), reference)); // the kernels round differently
        Assert.False(LaneTrainer<double>.Compatible(Member(xor), Member(xor with { Settings = new TrainingSettings(4999, 100) })));
        Assert.False(LaneTrainer<double>.Compatible(Member(xor), Member(xor with { Layers = [Linear(4, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid] })));
        Assert.True(LaneTrainer<double>.Compatible(Member(xor), Member(Xor(3, 0.1))));
        Assert.Throws<ArgumentException>(() => LaneTrainer<double>.Train(Enumerable.Range(0, 5).Select(_ => Member(xor)).ToList()));
    }
}
