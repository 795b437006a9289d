namespace NnLab.Training;

/// <summary>
/// Full-batch gradient descent exactly as the tutorial's loop: forward, cost (recorded before the update),
/// backward, update. Stops early on cancellation or a non-finite cost.
/// </summary>
public sealed class Trainer
{
    private readonly Network _network;
    private readonly ICost _cost;
    private readonly IOptimizer _optimizer;

    public Trainer(Network network, ICost cost, IOptimizer optimizer)
    {
        _network = network;
        _cost = cost;
        _optimizer = optimizer;
        _optimizer.Initialize(network.Parameters);
    }

    /// <summary>The network's outputs as predictions: a cost fused with its activation supplies the probabilities.</summary>
    private Matrix Probabilities(Matrix outputs)
    {
        if (_cost is not ILogitCost logits) return outputs.Clone();
        var probabilities = new Matrix(outputs.Rows, outputs.Cols);
        logits.ToProbabilities(outputs, probabilities);
        return probabilities;
    }

    public TrainingResult Train(Matrix inputs, Matrix targets, TrainingSettings settings,
        ITrainingObserver observer, TrainingProgress? progress = null, CancellationToken cancellation = default)
    {
        int m = inputs.Cols;
        var gradient = _network.OutputGradient(m);
        double cost = double.NaN;
        int epoch = 0;
        var status = TrainingStatus.Completed;
        string? reason = null;
        var divergence = new DivergenceCheck(settings.DivergenceFactor);
        for (; epoch < settings.Epochs; epoch++)
        {
            if (cancellation.IsCancellationRequested)
            {
                (status, reason) = (TrainingStatus.Cancelled, "cancelled by the user");
                break;
            }
            var output = _network.Forward(inputs);
            cost = _cost.Evaluate(output, targets, gradient);
            bool last = epoch == settings.Epochs - 1;
            if (divergence.Check(cost) is { } diverged)
            {
                observer.OnCostRecorded(epoch, cost);
                (status, reason) = (TrainingStatus.Diverged, $"{diverged} at epoch {epoch}");
                break;
            }
            if (last || epoch % settings.LogEvery == 0) observer.OnCostRecorded(epoch, cost);
            _network.Backward(m);
            _optimizer.Step(epoch);
            progress?.Report(epoch + 1, cost);
        }
        var final = _network.Forward(inputs);
        double finalCost = _cost.Evaluate(final, targets, null);
        return new TrainingResult(status, epoch, cost, finalCost, Probabilities(final), reason);
    }
}
