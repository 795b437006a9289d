using NnLab.Registry;

namespace NnLab.Experiments.Loading;

/// <summary>Everything the YAML says, bound and checked section by section; the model is not yet shown to build.</summary>
internal sealed record ExperimentConfig(
    string Name,
    uint Seed,
    LoadedData Data,
    IReadOnlyList<ComponentSpec> Model,
    IReadOnlyList<ComponentSite> LayerSites,
    ComponentSpec Cost,
    ComponentSite CostSite,
    ComponentSpec Optimizer,
    ComponentSite OptimizerSite,
    TrainingOptions Training,
    EarlyStoppingOptions? EarlyStopping,
    PredictionOptions Prediction);

/// <summary>Where a layer, the cost or the optimizer was written, so later checks can point at it.</summary>
internal sealed record ComponentSite(YamlDotNet.RepresentationModel.YamlNode Node, string Path);
