using System.Numerics;
using NnLab.Costs;
using NnLab.Optimizers;

namespace NnLab.Training;

/// <summary>
/// Gradient descent as the tutorial's loop — forward, cost (recorded before the update), backward, update — on the full
/// batch or on mini-batches (<see cref="TrainingSettings.BatchSize"/>). Stops early on cancellation or divergence (<see cref="DivergenceCheck"/>).
/// </summary>
/// <remarks>
/// With mini-batches, the optimizer's step counts updates (epoch · batches per epoch + batch), so learning-rate decay and
/// Adam's bias correction advance per update, and the cost recorded for an epoch is the mean of its batch costs
/// weighted by batch size, each computed before that batch's update (for a mean cost: the cost over the epoch's
/// examples as the network stood when each was seen). A full batch records exactly the tutorial's cost.
/// </remarks>
/// <typeparam name="T">The element type: double (float64) or float (float32).</typeparam>
public sealed class Trainer<T> where T : IFloatingPointIeee754<T>
{
    private readonly Network<T> _network;
    private readonly ICost<T> _cost;
    private readonly IOptimizer<T> _optimizer;

    public Trainer(Network<T> network, ICost<T> cost, IOptimizer<T> optimizer)
    {
        _network = network;
        _cost = cost;
        _optimizer = optimizer;
        _optimizer.Initialize(network.Parameters);
        if (cost is IThreadedCost threadedCost) threadedCost.Threads = network.Threads;
        if (optimizer is IThreadedOptimizer threadedOptimizer) threadedOptimizer.Threads = network.Threads;
    }

    /// <summary>
    /// Trains on <paramref name="inputs"/> and <paramref name="targets"/> from epoch 0, or from
    /// <paramref name="resumeFrom"/>'s epoch with its parameters, optimizer state, shuffle position, divergence reference
    /// and early-stopping state restored. <paramref name="validation"/> (null without a validation split) is scored at
    /// every recorded epoch, before that epoch's update. <paramref name="checkpoint"/>, when given, receives the state
    /// after every <see cref="TrainingSettings.CheckpointEvery"/> epochs and when training is cancelled; continuing from
    /// any of them gives the uninterrupted run's bits.
    /// </summary>
    public TrainingResult Train(Matrix<T> inputs, Matrix<T> targets, TrainingSettings settings,
        ITrainingObserver observer, TrainingProgress? progress = null, CancellationToken cancellation = default,
        ValidationSet<T>? validation = null, TrainingCheckpoint? resumeFrom = null, Action<TrainingCheckpoint>? checkpoint = null)
    {
        int m = inputs.Cols;
        int batchSize = settings.EffectiveBatchSize(m);
        var batches = batchSize == m ? null : new MiniBatches<T>(inputs, targets, batchSize, settings.Shuffle, settings.ShuffleSeed,
            _network.Threads);
        double cost = double.NaN;
        int epoch = 0;
        var status = TrainingStatus.Completed;
        string? reason = null;
        var divergence = new DivergenceCheck(settings.DivergenceFactor);
        var stopping = settings.EarlyStopping is { } early ? new EarlyStoppingState<T>(early, _network.Parameters) : null;
        bool stoppedEarly = false;
        if (resumeFrom is not null)
        {
            Restore(resumeFrom, divergence, batches);
            stopping?.Import(resumeFrom);
            (epoch, cost) = (resumeFrom.NextEpoch, resumeFrom.LastCost);
            progress?.Report(epoch, cost);
        }
        int saved = resumeFrom?.NextEpoch ?? -1;
        int lastRecorded = -1;
        // Which epochs are recorded and which end at a checkpoint, counted off rather than divided out every epoch.
        var logs = new Multiples(settings.LogEvery, epoch);
        var checkpoints = new Multiples(settings.CheckpointEvery, epoch + 1);
        for (; epoch < settings.Epochs; epoch++)
        {
            if (cancellation.IsCancellationRequested)
            {
                (status, reason) = (TrainingStatus.Cancelled, "cancelled by the user");
                break;
            }
            bool record = logs.IsNext(epoch) | epoch == settings.Epochs - 1;
            // The validation split is scored on the weights early stopping would keep for this epoch. Full batch: the
            // weights as the epoch starts, which its recorded cost is computed with (scored first: its forward pass
            // must not overwrite the batch's activations between the batch's forward and backward passes).
            // Mini-batches: the weights the epoch ends with, after its updates, as Keras scores them.
            bool validate = record && validation is not null;
            ValidationScore? score = validate && batches is null ? Validate(validation!) : null;
            // The tutorial's order: the cost is recorded before the update is applied. Mini-batches update inside
            // Epoch and return the epoch's cost (or the first non-finite batch cost).
            cost = batches is null ? Evaluate(inputs, targets) : Epoch(batches, epoch, m);
            if (validate && batches is not null) score = Validate(validation!);
            if (divergence.Check(cost) is { } diverged)
            {
                observer.OnCostRecorded(epoch, cost);
                (status, reason) = (TrainingStatus.Diverged, $"{diverged} at epoch {epoch}");
                break;
            }
            if (record)
            {
                if (score is { } s) observer.OnValidationRecorded(epoch, s);
                observer.OnCostRecorded(epoch, cost);
                lastRecorded = epoch;
                if (stopping is not null && stopping.Observe(epoch, Monitored(settings.EarlyStopping!.Monitor, cost, score)))
                {
                    (stoppedEarly, reason) = (true, $"stopped early at epoch {epoch}: no improvement since epoch {stopping.BestEpoch}");
                    if (batches is not null) epoch++; // this epoch's mini-batch updates have run
                    break;
                }
            }
            if (batches is null) Update(m, epoch);
            progress?.Report(epoch + 1, cost);
            if (checkpoints.IsNext(epoch + 1)) Save(checkpoint, ref saved, epoch + 1, cost, divergence, batches, stopping);
        }
        // A run killed before its first checkpoint starts over when resumed (the same bits), and a completed run is not
        // resumed: besides the periodic ones, only cancellation writes a checkpoint. None costs a short run anything.
        if (status == TrainingStatus.Cancelled) Save(checkpoint, ref saved, epoch, cost, divergence, batches, stopping);
        // A cancelled run's record ends at the epoch it stopped at, not the last log_every multiple before it. After
        // the checkpoint: a resumed run cuts cost.csv back to the checkpoint's rows, so it still ends as an
        // uninterrupted run's. (With a validation split the row would lack its scores: it is left out there.)
        if (status == TrainingStatus.Cancelled && epoch > 0 && lastRecorded != epoch - 1 && epoch > (resumeFrom?.NextEpoch ?? 0)
            && validation is null)
            observer.OnCostRecorded(epoch - 1, cost);
        // Early stopping always keeps the best recorded weights, whether it stopped training or not; the last epoch's
        // are copied first, as float64 (exact for float32), so a run's model can keep both.
        var lastEpoch = stopping is null ? null : _network.Parameters.Select(p => p.Value.ConvertTo<double>()).ToArray();
        stopping?.RestoreBest();
        var result = Conclude(_network, _cost, inputs, targets, status, epoch, cost, reason, stopping?.BestEpoch, stoppedEarly);
        return lastEpoch is null ? result : result with { LastEpochWeights = lastEpoch };
    }

    /// <summary>Hands <paramref name="checkpoint"/> the state after <paramref name="nextEpoch"/> epochs, unless it has it already.</summary>
    private void Save(Action<TrainingCheckpoint>? checkpoint, ref int saved, int nextEpoch, double cost, DivergenceCheck divergence,
        MiniBatches<T>? batches, EarlyStoppingState<T>? stopping)
    {
        if (checkpoint is null || saved == nextEpoch) return;
        checkpoint(Capture(nextEpoch, cost, divergence, batches, stopping));
        saved = nextEpoch;
    }

    /// <summary>
    /// The multiples of an interval (none when it is 0 or less), met by asking about every value in turn from the
    /// one it starts at: a comparison per value where a remainder would divide.
    /// </summary>
    private struct Multiples(int interval, int from)
    {
        private long _next = interval > 0 ? ((long)from + interval - 1) / interval * interval : long.MaxValue;

        /// <summary>Whether <paramref name="value"/> (the value after the last one asked about) is a multiple.</summary>
        public bool IsNext(int value)
        {
            if (value != _next) return false;
            _next += interval;
            return true;
        }
    }

    /// <summary>The result of training that ended with the network's weights as they stand: a last forward pass over all examples scores them.</summary>
    internal static TrainingResult Conclude(Network<T> network, ICost<T> cost, Matrix<T> inputs, Matrix<T> targets, TrainingStatus status,
        int epochsCompleted, double lastEpochCost, string? reason, int? bestEpoch = null, bool stoppedEarly = false)
    {
        var final = network.Forward(inputs);
        double finalCost = cost.Evaluate(final, targets, null);
        return new TrainingResult(status, epochsCompleted, lastEpochCost, finalCost, Probabilities(cost, final), reason)
        {
            BestEpoch = bestEpoch,
            StoppedEarly = stoppedEarly,
        };
    }

    private ValidationScore Validate(ValidationSet<T> validation) => validation.Score(_network.Forward(validation.Inputs), _cost);

    private static double Monitored(StoppingMonitor monitor, double cost, ValidationScore? score) => monitor switch
    {
        StoppingMonitor.Cost => cost,
        StoppingMonitor.ValidationAccuracy => score?.Accuracy ?? double.NaN,
        StoppingMonitor.ValidationMae => score?.MeanAbsoluteError ?? double.NaN,
        _ => score?.Cost ?? double.NaN,
    };

    /// <summary>The state after <paramref name="nextEpoch"/> epochs; its arrays are the live ones.</summary>
    private TrainingCheckpoint Capture(int nextEpoch, double lastCost, DivergenceCheck divergence, MiniBatches<T>? batches,
        EarlyStoppingState<T>? stopping)
    {
        var stateful = _optimizer as IStatefulOptimizer<T>;
        var checkpoint = new TrainingCheckpoint
        {
            NextEpoch = nextEpoch,
            LastCost = lastCost,
            DivergenceFirstCost = divergence.FirstCost,
            Shuffle = batches?.ShuffleState,
            HasOptimizerState = stateful is not null,
            ElementType = typeof(T),
        };
        stopping?.Export(checkpoint);
        for (int i = 0; i < _network.Layers.Count; i++)
            foreach (var p in _network.Layers[i].Parameters)
                checkpoint.Arrays[TrainingCheckpoint.ParameterName(i, p.Name)] = CheckpointArray.Of(p.Value);
        if (stateful?.ExportState() is { } state)
        {
            foreach (var (name, matrix) in state.Matrices)
                checkpoint.Arrays[TrainingCheckpoint.OptimizerPrefix + name] = CheckpointArray.Of(matrix);
            foreach (var (name, value) in state.Scalars) checkpoint.Scalars[TrainingCheckpoint.OptimizerPrefix + name] = value;
        }
        return checkpoint;
    }

    /// <summary>Puts the parameters, the optimizer, the shuffle stream and the divergence check where the checkpoint says.</summary>
    private void Restore(TrainingCheckpoint checkpoint, DivergenceCheck divergence, MiniBatches<T>? batches)
    {
        if (_optimizer is not IStatefulOptimizer<T> stateful || !checkpoint.HasOptimizerState)
            throw new InvalidOperationException($"cannot resume: the optimizer {_optimizer.GetType().Name} does not save its state (IStatefulOptimizer<T>)");
        for (int i = 0; i < _network.Layers.Count; i++)
            foreach (var p in _network.Layers[i].Parameters)
            {
                string name = TrainingCheckpoint.ParameterName(i, p.Name);
                if (!checkpoint.Arrays.TryGetValue(name, out var saved))
                    throw new ArgumentException($"the checkpoint has no parameter '{name}'");
                var values = saved.As<T>();
                if (!values.HasShape(p.Value.Rows, p.Value.Cols))
                    throw new ArgumentException($"checkpoint parameter '{name}' is {values.Shape}, the network's is {p.Value.Shape}");
                values.CopyTo(p.Value);
            }
        var state = new OptimizerState<T>();
        foreach (var (name, array) in checkpoint.Arrays)
            if (name.StartsWith(TrainingCheckpoint.OptimizerPrefix, StringComparison.Ordinal))
                state.Matrices[name[TrainingCheckpoint.OptimizerPrefix.Length..]] = array.As<T>();
        foreach (var (name, value) in checkpoint.Scalars)
            if (name.StartsWith(TrainingCheckpoint.OptimizerPrefix, StringComparison.Ordinal))
                state.Scalars[name[TrainingCheckpoint.OptimizerPrefix.Length..]] = value;
        stateful.ImportState(state);
        if (checkpoint.DivergenceFirstCost is { } first) divergence.Resume(first);
        batches?.RestoreShuffle(checkpoint.Shuffle);
    }

    /// <summary>
    /// The network's outputs as float64 predictions (float32 widens exactly): a cost fused with its activation
    /// supplies the probabilities.
    /// </summary>
    private static Matrix<double> Probabilities(ICost<T> cost, Matrix<T> outputs)
    {
        var probabilities = outputs.Clone();
        if (cost is ILogitCost<T> logits) logits.ToProbabilities(outputs, probabilities);
        return probabilities as Matrix<double> ?? probabilities.ConvertTo<double>();
    }

    /// <summary>One epoch of mini-batches; returns the size-weighted mean batch cost, or the first non-finite one.</summary>
    private double Epoch(MiniBatches<T> batches, int epoch, int m)
    {
        batches.StartEpoch();
        double weighted = 0;
        for (int b = 0; b < batches.Count; b++)
        {
            var (x, y) = batches.Gather(b);
            double cost = Evaluate(x, y);
            if (!double.IsFinite(cost)) return cost;
            Update(x.Cols, epoch * batches.Count + b);
            weighted += cost * x.Cols;
        }
        return weighted / m;
    }

    /// <summary>Forward pass and cost; leaves dCost/dOutput in the network's gradient buffer.</summary>
    private double Evaluate(Matrix<T> x, Matrix<T> y) => _cost.Evaluate(_network.Forward(x), y, _network.OutputGradient(x.Cols));

    /// <summary>Back-propagates the last evaluation and applies update number <paramref name="step"/>.</summary>
    private void Update(int batchSize, int step)
    {
        _network.Backward(batchSize);
        _optimizer.Step(step);
    }
}
