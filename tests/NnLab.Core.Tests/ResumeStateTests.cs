using System.Numerics;
using NnLab.Numerics;
using NnLab.Optimizers;
using NnLab.Training;
using static NnLab.Tests.TestModels;

namespace NnLab.Tests;

/// <summary>
/// What a resumed run relies on: an optimizer's exported state, a random stream's position and a trainer's checkpoint
/// carry everything, so continuing from them gives the uninterrupted run's bits.
/// </summary>
public class ResumeStateTests
{
    public static TheoryData<string, string> Optimizers()
    {
        var data = new TheoryData<string, string>();
        foreach (string precision in new[] { "float64", "float32" })
        foreach (string optimizer in new[] { "sgd", "momentum", "nesterov", "adam", "adam-decay" })
            data.Add(precision, optimizer);
        return data;
    }

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void An_optimizer_continued_from_its_exported_state_gives_the_uninterrupted_bits(string precision, string optimizer)
    {
        if (precision == "float32") CheckOptimizerRoundTrip<float>(optimizer);
        else CheckOptimizerRoundTrip<double>(optimizer);
    }

    [Fact]
    public void Importing_a_state_of_the_wrong_shape_is_refused_by_name()
    {
        var adam = Optimizer<double>("adam");
        adam.Initialize([new Parameter<double>("W", new Matrix<double>(2, 3))]);
        var state = new OptimizerState<double>();
        state.Matrices["first_moment.0"] = new Matrix<double>(3, 2);
        state.Matrices["second_moment.0"] = new Matrix<double>(2, 3);

        var error = Assert.Throws<ArgumentException>(() => adam.ImportState(state));
        Assert.Contains("first_moment.0", error.Message);
        state.Matrices.Remove("first_moment.0");
        Assert.Contains("no matrix 'first_moment.0'", Assert.Throws<ArgumentException>(() => adam.ImportState(state)).Message);
    }

    [Theory]
    [InlineData(0, 0)]     // fresh: position 624, nothing cached
    [InlineData(3, 1)]     // mid-words, a normal cached
    [InlineData(700, 2)]   // past a regeneration, nothing cached
    public void A_random_stream_restored_from_its_state_draws_what_it_would_have_drawn(int uniforms, int gaussians)
    {
        var stream = new NumpyRandomState(48);
        for (int i = 0; i < uniforms; i++) stream.NextUniform();
        for (int i = 0; i < gaussians; i++) stream.NextGaussian();
        var state = stream.GetState();

        var restored = new NumpyRandomState(7);
        restored.NextGaussian(); // leaves a cached normal that the state must clear or replace
        restored.SetState(state);

        Assert.Equal(state, restored.GetState());
        Assert.Equal(Draws(stream), Draws(restored));
    }

    [Fact]
    public void A_stream_state_is_a_copy()
    {
        var stream = new NumpyRandomState(1);
        var state = stream.GetState();
        stream.NextUniform();
        stream.NextUniform();
        Assert.Equal(624, state.Position);
        Assert.NotEqual(state, stream.GetState());
    }

    public static TheoryData<string, int, bool, int> Runs() => new()
    {
        { "sgd", 0, false, 1 },      // full batch
        { "adam", 3, true, 7 },      // shuffled batches of 3 and 1
        { "nesterov", 2, false, 5 }, // batches in order
        { "adam", 3, true, 0 },      // killed before the first checkpoint: starts over
        { "adam", 3, true, 40 },     // the last one: nothing left to run
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public void Training_resumed_from_a_checkpoint_gives_the_uninterrupted_costs_and_weights(string optimizer, int batchSize,
        bool shuffle, int resumeAt)
    {
        var settings = new TrainingSettings(40, 3, batchSize, shuffle, ShuffleSeed: 49) { CheckpointEvery = 1 };
        var checkpoints = new Dictionary<int, TrainingCheckpoint>();
        var (whole, wholeCosts, wholeNetwork) = XorRun(optimizer, settings, null, c => checkpoints[c.NextEpoch] = DeepCopy(c));
        Assert.Equal(Enumerable.Range(1, 40), checkpoints.Keys.Order());

        // Before its first checkpoint a run starts over: resuming "at 0" is training from scratch.
        var (resumed, resumedCosts, resumedNetwork) = XorRun(optimizer, settings, resumeAt == 0 ? null : checkpoints[resumeAt], null);

        Assert.Equal(wholeCosts.Rows.Where(r => r.Epoch >= resumeAt), resumedCosts.Rows);
        Assert.Equal(whole.EpochsCompleted, resumed.EpochsCompleted);
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.LastEpochCost), BitConverter.DoubleToInt64Bits(resumed.LastEpochCost));
        Assert.Equal(BitConverter.DoubleToInt64Bits(whole.FinalCost), BitConverter.DoubleToInt64Bits(resumed.FinalCost));
        for (int p = 0; p < wholeNetwork.Parameters.Count; p++)
            Assert.True(wholeNetwork.Parameters[p].Value.Data.AsSpan().SequenceEqual(resumedNetwork.Parameters[p].Value.Data));
    }

    [Theory]
    [InlineData(0, 0.01)]
    [InlineData(3, 0.002)]
    public void Early_stopping_resumed_from_any_checkpoint_keeps_the_same_best_weights_and_stops_at_the_same_epoch(int batchSize,
        double minDelta)
    {
        // The cost must improve by min_delta within 4 epochs: XOR's slow start stops it early, with a best epoch to restore.
        var settings = new TrainingSettings(200, 1, batchSize, batchSize > 0, ShuffleSeed: 49)
        {
            CheckpointEvery = 1,
            EarlyStopping = new EarlyStopping(StoppingMonitor.Cost, Patience: 4, MinDelta: minDelta),
        };
        var checkpoints = new Dictionary<int, TrainingCheckpoint>();
        var (whole, wholeCosts, wholeNetwork) = XorRun("adam", settings, null, c => checkpoints[c.NextEpoch] = DeepCopy(c));
        Assert.True(whole.StoppedEarly, $"ran {whole.EpochsCompleted} epochs");
        // The kept weights are the best epoch's. On a full batch, the recorded cost of that epoch is the cost of the final
        // weights; with mini-batches it is the mean over the epoch's updates, and the kept weights are those it ends with.
        if (batchSize == 0) Assert.Equal(wholeCosts.Rows.Single(r => r.Epoch == whole.BestEpoch).Cost, whole.FinalCost);

        foreach (int resumeAt in checkpoints.Keys.Where(k => k < whole.EpochsCompleted))
        {
            var (resumed, resumedCosts, resumedNetwork) = XorRun("adam", settings, checkpoints[resumeAt], null);

            Assert.Equal(whole.BestEpoch, resumed.BestEpoch);
            Assert.True(resumed.StoppedEarly);
            Assert.Equal(whole.EpochsCompleted, resumed.EpochsCompleted);
            Assert.Equal(wholeCosts.Rows.Where(r => r.Epoch >= resumeAt), resumedCosts.Rows);
            Assert.Equal(BitConverter.DoubleToInt64Bits(whole.FinalCost), BitConverter.DoubleToInt64Bits(resumed.FinalCost));
            for (int p = 0; p < wholeNetwork.Parameters.Count; p++)
                Assert.True(wholeNetwork.Parameters[p].Value.Data.AsSpan().SequenceEqual(resumedNetwork.Parameters[p].Value.Data),
                    $"resumed at {resumeAt}, parameter {p}");
        }
    }

    [Fact]
    public void Checkpoints_come_every_n_epochs_and_on_cancellation_only()
    {
        var seen = new List<int>();
        XorRun("sgd", new TrainingSettings(25, 5) { CheckpointEvery = 10 }, null, c => seen.Add(c.NextEpoch));
        Assert.Equal([10, 20], seen);

        seen.Clear();
        XorRun("sgd", new TrainingSettings(20, 5) { CheckpointEvery = 10 }, null, c => seen.Add(c.NextEpoch));
        Assert.Equal([10, 20], seen);

        seen.Clear();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();
        var (result, _, _) = XorRun("sgd", new TrainingSettings(25, 5) { CheckpointEvery = 0 }, null, c => seen.Add(c.NextEpoch), cancel.Token);
        Assert.Equal(TrainingStatus.Cancelled, result.Status);
        Assert.Equal([0], seen); // cancelled before its first epoch: the one checkpoint is that of epoch 0
    }

    [Fact]
    public void A_checkpoint_names_the_parameters_by_layer_and_the_optimizer_state_by_its_own_names()
    {
        TrainingCheckpoint? last = null;
        XorRun("adam", new TrainingSettings(5, 1, 3, true, 49) { CheckpointEvery = 5 }, null, c => last = DeepCopy(c));
        Assert.NotNull(last);
        Assert.Equal(
            ["layer0.W", "layer0.b", "layer2.W", "layer2.b", "optimizer.first_moment.0", "optimizer.first_moment.1",
             "optimizer.first_moment.2", "optimizer.first_moment.3", "optimizer.second_moment.0", "optimizer.second_moment.1",
             "optimizer.second_moment.2", "optimizer.second_moment.3"],
            last!.Arrays.Keys.Order(StringComparer.Ordinal));
        Assert.True(last.HasOptimizerState);
        Assert.NotNull(last.Shuffle);
        Assert.NotNull(last.DivergenceFirstCost);
        Assert.Equal(5, last.NextEpoch);
    }

    private static (TrainingResult, CostRecorder, Network<double>) XorRun(string optimizer, TrainingSettings settings,
        TrainingCheckpoint? resumeFrom, Action<TrainingCheckpoint>? checkpoint, CancellationToken cancellation = default)
    {
        var network = Build(2, 48, Linear(3, "xavier"), Sigmoid, Linear(1, "xavier"), Sigmoid);
        var recorder = new CostRecorder();
        var result = new Trainer<double>(network, HalfSquaredError, Optimizer<double>(optimizer))
            .Train(XorInputs, XorTargets, settings, recorder, null, cancellation, null, resumeFrom, checkpoint);
        return (result, recorder, network);
    }

    /// <summary>A checkpoint handed out shares the live arrays: a test that keeps it copies them.</summary>
    private static TrainingCheckpoint DeepCopy(TrainingCheckpoint c)
    {
        var copy = new TrainingCheckpoint
        {
            NextEpoch = c.NextEpoch, LastCost = c.LastCost, DivergenceFirstCost = c.DivergenceFirstCost, Shuffle = c.Shuffle,
            HasOptimizerState = c.HasOptimizerState, ElementType = c.ElementType,
        };
        foreach (var (name, array) in c.Arrays) copy.Arrays[name] = array with { Values = (Array)array.Values.Clone() };
        foreach (var (name, value) in c.Scalars) copy.Scalars[name] = value;
        return copy;
    }

    private static double[] Draws(NumpyRandomState stream) =>
        [stream.NextGaussian(), stream.NextUniform(), stream.NextGaussian(), stream.NextGaussian(), stream.NextBounded(1000),
         .. Enumerable.Range(0, 700).Select(_ => stream.NextUniform())];

    private static void CheckOptimizerRoundTrip<T>(string name) where T : IFloatingPointIeee754<T>
    {
        int[] lengths = [7, 1, 33];
        var whole = Parameters<T>(lengths);
        var uninterrupted = Optimizer<T>(name);
        uninterrupted.Initialize(whole);
        var gradients = new NumpyRandomState(11);
        for (int step = 0; step < 5; step++) Step(uninterrupted, whole, gradients, step);

        // Export after step 5 into a fresh optimizer over copies of the parameters, then both continue.
        var state = uninterrupted.ExportState();
        var copies = whole.Select(p => new Parameter<T>(p.Name, p.Value.Clone())).ToArray();
        var continued = Optimizer<T>(name);
        continued.Initialize(copies);
        continued.ImportState(state);
        var gradientsAgain = new NumpyRandomState(0);
        gradientsAgain.SetState(gradients.GetState());
        for (int step = 5; step < 12; step++)
        {
            Step(uninterrupted, whole, gradients, step);
            Step(continued, copies, gradientsAgain, step);
        }
        for (int p = 0; p < whole.Length; p++)
            Assert.True(whole[p].Value.Data.AsSpan().SequenceEqual(copies[p].Value.Data), $"{name}, parameter {p}");
        if (name is "sgd") Assert.Empty(state.Matrices);
        else Assert.NotEmpty(state.Matrices);
    }

    private static void Step<T>(IOptimizer<T> optimizer, Parameter<T>[] parameters, NumpyRandomState gradients, int step)
        where T : IFloatingPointIeee754<T>
    {
        foreach (var p in parameters)
            for (int i = 0; i < p.Gradient.Length; i++) p.Gradient.Data[i] = T.CreateTruncating(gradients.NextGaussian());
        optimizer.Step(step);
    }

    private static Parameter<T>[] Parameters<T>(int[] lengths) where T : IFloatingPointIeee754<T>
    {
        var random = new NumpyRandomState(3);
        return lengths.Select((length, p) =>
        {
            var parameter = new Parameter<T>($"p{p}", new Matrix<T>(1, length));
            for (int i = 0; i < length; i++) parameter.Value.Data[i] = T.CreateTruncating(random.NextGaussian());
            return parameter;
        }).ToArray();
    }

    private static IStatefulOptimizer<T> Optimizer<T>(string optimizer) where T : IFloatingPointIeee754<T> => optimizer switch
    {
        "sgd" => new GradientDescentOptimizer<T>(new GradientDescentOptions { LearningRate = 0.3 }),
        "momentum" => new MomentumOptimizer<T>(new MomentumOptions { LearningRate = 0.3, Momentum = 0.7 }),
        "nesterov" => new MomentumOptimizer<T>(new MomentumOptions { LearningRate = 0.3, Momentum = 0.7, Nesterov = true }),
        "adam" => new AdamOptimizer<T>(new AdamOptions { LearningRate = 0.05 }),
        "adam-decay" => new AdamOptimizer<T>(new AdamOptions
            { LearningRate = 0.05, Decay = LearningRateDecay.Exponential, DecayRate = 0.9, DecaySteps = 2, Epsilon = 1e-4 }),
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer)),
    };
}
