using System.Collections.Concurrent;
using YamlDotNet.RepresentationModel;

namespace NnLab.Experiments.Loading;

/// <summary>
/// Data sections already read from nodes that several loads share: a sweep's trials share the file's tree, so a trial
/// whose overrides leave <c>data</c> alone gets the data the first trial read, instead of reading, shaping and hashing
/// them again (about 40% of a small trial's load). Only data read without the experiment's seed are kept: a generator
/// or split that draws from it makes other data for another seed. A node a load owns (an override changed something
/// below <c>data</c>) is never kept: no later load sees it. Loads on several threads (a sweep's workers reloading
/// their trials) share it.
/// </summary>
internal sealed class DataSectionMemo(Func<YamlNode, bool> isShared)
{
    private readonly ConcurrentDictionary<YamlNode, LoadedData> _read = new(ReferenceEqualityComparer.Instance);

    public LoadedData? Find(YamlNode node) => _read.GetValueOrDefault(node);

    /// <summary>Keeps <paramref name="data"/>, read from <paramref name="node"/> without the experiment's seed, when other loads share the node.</summary>
    public void Add(YamlNode node, LoadedData data)
    {
        if (isShared(node)) _read.TryAdd(node, data);
    }
}
