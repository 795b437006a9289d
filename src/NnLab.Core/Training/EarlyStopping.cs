namespace NnLab.Training;

/// <summary>What early stopping watches, at every recorded epoch.</summary>
public enum StoppingMonitor
{
    /// <summary>The validation split's cost (lower is better): the default.</summary>
    ValidationCost,

    /// <summary>The validation split's accuracy (higher is better); classification only.</summary>
    ValidationAccuracy,

    /// <summary>The validation split's mean absolute error (lower is better).</summary>
    ValidationMae,

    /// <summary>The training cost (lower is better): for runs without a validation split.</summary>
    Cost,
}

/// <summary>
/// <c>training.early_stopping</c>: stop once <see cref="Monitor"/> has not improved by more than
/// <see cref="MinDelta"/> for <see cref="Patience"/> epochs, and keep the weights of the best recorded epoch (always,
/// also when training runs to its last epoch).
/// </summary>
public sealed record EarlyStopping(StoppingMonitor Monitor, int Patience, double MinDelta)
{
    public bool HigherIsBetter => Monitor == StoppingMonitor.ValidationAccuracy;

    public bool NeedsValidation => Monitor != StoppingMonitor.Cost;
}

/// <summary>
/// Tracks the monitored value and keeps a copy of the best weights in buffers allocated once, so watching costs no
/// allocation per epoch.
/// </summary>
internal sealed class EarlyStoppingState<T> where T : System.Numerics.IFloatingPointIeee754<T>
{
    private readonly EarlyStopping _settings;
    private readonly IReadOnlyList<Parameter<T>> _parameters;
    private readonly Matrix<T>[] _best;

    public EarlyStoppingState(EarlyStopping settings, IReadOnlyList<Parameter<T>> parameters)
    {
        _settings = settings;
        _parameters = parameters;
        _best = parameters.Select(p => p.Value.Clone()).ToArray();
    }

    public int BestEpoch { get; private set; } = -1;
    public double BestValue { get; private set; } = double.NaN;

    /// <summary>
    /// Takes the monitored value of <paramref name="epoch"/> (the weights as that epoch starts); true when training
    /// should stop because it has not improved for the patience.
    /// </summary>
    public bool Observe(int epoch, double value)
    {
        if (BestEpoch < 0 || Improves(value))
        {
            (BestEpoch, BestValue) = (epoch, value);
            for (int i = 0; i < _best.Length; i++) _parameters[i].Value.Data.AsSpan().CopyTo(_best[i].Data);
            return false;
        }
        return epoch - BestEpoch >= _settings.Patience;
    }

    /// <summary>Puts the best recorded weights back into the network.</summary>
    public void RestoreBest()
    {
        if (BestEpoch < 0) return;
        for (int i = 0; i < _best.Length; i++) _best[i].Data.AsSpan().CopyTo(_parameters[i].Value.Data);
    }

    /// <summary>Adds the best weights (<c>best.layer…</c> arrays, in parameter order) and the best epoch and value to a checkpoint.</summary>
    public void Export(TrainingCheckpoint checkpoint)
    {
        for (int i = 0; i < _best.Length; i++) checkpoint.Arrays[$"{BestPrefix}{i}"] = CheckpointArray.Of(_best[i]);
        checkpoint.Scalars[BestPrefix + "epoch"] = BestEpoch;
        checkpoint.Scalars[BestPrefix + "value"] = BestValue;
    }

    /// <summary>Takes the best weights, epoch and value back from a checkpoint written by <see cref="Export"/>.</summary>
    public void Import(TrainingCheckpoint checkpoint)
    {
        if (!checkpoint.Scalars.TryGetValue(BestPrefix + "epoch", out double epoch))
            throw new ArgumentException("the checkpoint has no early-stopping state (it was written without early stopping)");
        for (int i = 0; i < _best.Length; i++) checkpoint.Arrays[$"{BestPrefix}{i}"].As<T>().CopyTo(_best[i]);
        (BestEpoch, BestValue) = ((int)epoch, checkpoint.Scalars[BestPrefix + "value"]);
    }

    private const string BestPrefix = "best.";

    // NaN never improves; the first finite value always does.
    private bool Improves(double value) =>
        double.IsNaN(BestValue) ? !double.IsNaN(value)
        : _settings.HigherIsBetter ? value > BestValue + _settings.MinDelta : value < BestValue - _settings.MinDelta;
}
