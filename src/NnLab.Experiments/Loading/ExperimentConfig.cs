using NnLab.Registry;

namespace NnLab.Experiments.Loading;

/// <summary>Everything the YAML says, bound and checked section by section; the model is not yet shown to build.</summary>
internal sealed record ExperimentConfig(
    string Name,
    uint Seed,
    LoadedData Data,
    IReadOnlyList<ComponentSpec> Model,
    IReadOnlyList<LayerSite> LayerSites,
    ComponentSpec Cost,
    ComponentSpec Optimizer,
    TrainingOptions Training,
    PredictionOptions Prediction);

/// <summary>Where a layer was written, so build errors can point at it.</summary>
internal sealed record LayerSite(YamlDotNet.RepresentationModel.YamlNode Node, string Path);
