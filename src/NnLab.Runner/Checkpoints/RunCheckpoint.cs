using NnLab.Numerics;
using NnLab.Training;

namespace NnLab.Runner.Checkpoints;

/// <summary>
/// What a run folder's <c>checkpoints/NAME/</c> holds: the trainer's state (<see cref="TrainingCheckpoint"/>) and what
/// the run folder needs to continue from it and to check that the configuration it is continued with is the same.
/// </summary>
/// <param name="Training">Epoch, costs, streams, and the named arrays and scalars.</param>
/// <param name="Precision">float64 or float32: the element type of the arrays.</param>
/// <param name="Optimizer">The optimizer's registered name, for messages.</param>
/// <param name="EpochsRequested">training.epochs of the run.</param>
/// <param name="CostRows">cost.csv rows (after the header) recorded when the checkpoint was taken.</param>
/// <param name="CostBytes">cost.csv's length then, header included: resuming truncates it to this.</param>
/// <param name="DataSha256">SHA-256 of the training data's values (<see cref="NnLab.Experiments.ExperimentData.ValuesSha256"/>).</param>
/// <param name="DataDirectory">The folder relative data paths were read from (the experiment file's), or null.</param>
/// <param name="InitStream">The weight-initialisation stream's position after the network was built.</param>
internal sealed record RunCheckpoint(
    TrainingCheckpoint Training,
    string Precision,
    string Optimizer,
    int EpochsRequested,
    int CostRows,
    long CostBytes,
    string DataSha256,
    string? DataDirectory,
    RandomStreamState? InitStream);
