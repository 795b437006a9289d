namespace NnLab.Experiments;

/// <summary>Training data with examples as columns: inputs (n_in × m), targets (n_out × m).</summary>
public sealed record ExperimentData(
    Matrix<double> Inputs,
    Matrix<double> Targets,
    IReadOnlyList<string> InputNames,
    IReadOnlyList<string> TargetNames);
