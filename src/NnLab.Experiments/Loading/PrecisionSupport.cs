using NnLab.Numerics;
using NnLab.Registry;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Checks that every layer, the cost and the optimizer can compute in the experiment's precision, pointing at the one
/// that cannot: a plugin written for <c>ILayer&lt;double&gt;</c> only runs in float64.
/// </summary>
internal static class PrecisionSupport
{
    /// <summary>Reports each component that cannot run in the config's precision; true when all can.</summary>
    public static bool Check(ExperimentConfig config, ErrorCollector errors)
    {
        var precision = config.Training.Precision;
        bool ok = true;
        for (int i = 0; i < config.Model.Count; i++) ok &= Check(config.Model[i], config.LayerSites[i], precision, errors);
        ok &= Check(config.Cost, config.CostSite, precision, errors);
        ok &= Check(config.Optimizer, config.OptimizerSite, precision, errors);
        return ok;
    }

    private static bool Check(ComponentSpec spec, ComponentSite site, Precision precision, ErrorCollector errors)
    {
        var descriptor = spec.Descriptor;
        var elementType = precision.ElementType();
        if (descriptor.Supports(elementType)) return true;
        errors.At(site.Node, site.Path, Message(descriptor, precision));
        return false;
    }

    /// <summary>"layer 'softplus' (…) does not support precision: float32: SoftplusLayer implements ILayer&lt;double&gt; only; …"</summary>
    internal static string Message(ComponentDescriptor descriptor, Precision precision)
    {
        string kind = descriptor.Kind.ToString().ToLowerInvariant();
        var supported = PrecisionNames.SupportedBy(descriptor).Select(p => p.Name()).ToList();
        string implements = supported.Count == 0
            ? "it supports neither float64 nor float32"
            : $"it supports {string.Join(" and ", supported)} only";
        string service = ComponentDescriptor.ServiceName(ComponentDescriptor.ServiceType(descriptor.Kind, precision.ElementType()));
        return $"{kind} '{descriptor.Name}' ({descriptor.Source}) cannot run with precision: {precision.Name()}: {implements} " +
               $"({descriptor.Implementation.Name} does not implement {service}); make it generic " +
               $"(class {GenericName(descriptor.Implementation)}<T> : {ServicePrefix(service)}<T>) or set training.precision: {supported.FirstOrDefault() ?? "float64"}";
    }

    private static string GenericName(Type type) => type.IsGenericType ? type.Name[..type.Name.IndexOf('`')] : type.Name;

    private static string ServicePrefix(string service) => service.Contains('<') ? service[..service.IndexOf('<')] : service;
}
