using NnLab.Experiments.Loading;
using YamlDotNet.RepresentationModel;
using static NnLab.Experiments.Tests.Sweeps.SweepTestFiles;

namespace NnLab.Experiments.Tests.Sweeps;

/// <summary>
/// Loads that share a file's tree (a sweep's trials) read a shared data section once (DataSectionMemo): later loads
/// get the same data, unless the data drew from the experiment's seed or an override changed them.
/// </summary>
public class DataSectionMemoTests
{
    private const string Moons = """
        name: moons
        seed: 5
        data: {generate: moons, samples: 24, noise: 0.2}
        model: [{linear: {units: 1, init: xavier}}, sigmoid]
        training: {epochs: 2}

        """;

    /// <summary>Loads of one parsed file, as a sweep's trials load it: each its own root, the rest shared.</summary>
    private sealed class SharedLoads
    {
        private readonly ExperimentLoader _loader = new(TestLoader.BuiltIns);
        private readonly ErrorCollector _errors;
        private readonly YamlMappingNode _file;
        private readonly string _yaml;
        private readonly DataSectionMemo _memo;

        public SharedLoads(string yaml)
        {
            _yaml = yaml;
            _errors = _loader.NewCollector("exp.yaml");
            _file = DocumentReader.Read(yaml, _errors)!;
            _memo = new DataSectionMemo(IsShared);
        }

        private bool IsShared(YamlNode node) => !_errors.Locations.IsScoped(node);

        public ExperimentData Data(params string[] overrides)
        {
            using var scope = _errors.Locations.Scope();
            var root = new YamlMappingNode(_file.Children);
            _errors.Locations.Register(root, _errors.Locations.Of(_file));
            var source = new ExperimentSource(root, "exp.yaml", _yaml, ".") { IsShared = IsShared, DataMemo = _memo };
            var experiment = _loader.Load(source, new OverrideParser(_errors).Parse(overrides), _errors, keepModel: false);
            Assert.False(_errors.HasErrors, string.Join("; ", _errors.Sorted()));
            return experiment!.Data;
        }
    }

    [Fact]
    public void Data_read_without_the_seed_are_read_once_for_every_seed()
    {
        var loads = new SharedLoads(Xor);
        var first = loads.Data("seed=1");
        Assert.Same(first, loads.Data("seed=2"));
        Assert.Same(first, loads.Data("optimizer.learning_rate=0.5"));
        Assert.Equal(TestLoader.Ok(Xor, "seed=2").Data.Sha256, first.Sha256);
    }

    [Theory]
    [InlineData(Moons)]
    [InlineData("""
        name: split
        seed: 5
        data: {inputs: [[0], [1], [2], [3], [4], [5], [6], [7]], targets: [0, 1, 0, 1, 0, 1, 0, 1], split: {train: 0.5, validation: 0.5}}
        model: [{linear: {units: 1, init: xavier}}, sigmoid]
        training: {epochs: 2}

        """)]
    public void Data_drawn_from_the_seed_are_read_again_for_each_seed(string yaml)
    {
        var loads = new SharedLoads(yaml);
        var one = loads.Data("seed=1");
        var two = loads.Data("seed=2");
        Assert.NotEqual(one.Sha256, two.Sha256);
        Assert.Equal(TestLoader.Ok(yaml, "seed=1").Data.Sha256, one.Sha256);
        Assert.Equal(TestLoader.Ok(yaml, "seed=2").Data.Sha256, two.Sha256);
        Assert.Equal(one.Sha256, loads.Data("seed=1").Sha256);
    }

    [Fact]
    public void A_generator_with_its_own_seed_is_read_once()
    {
        var loads = new SharedLoads(Moons.Replace("noise: 0.2}", "noise: 0.2, seed: 9}"));
        Assert.Same(loads.Data("seed=1"), loads.Data("seed=2"));
    }

    [Fact]
    public void Data_an_override_changed_are_read_for_that_load_and_not_kept()
    {
        var loads = new SharedLoads(Xor);
        var changed = loads.Data("data.targets=[1, 0, 0, 1]");
        Assert.Equal(TestLoader.Ok(Xor, "data.targets=[1, 0, 0, 1]").Data.Sha256, changed.Sha256);
        var file = loads.Data();
        Assert.NotEqual(changed.Sha256, file.Sha256);
        Assert.Same(file, loads.Data("seed=3"));
        Assert.NotSame(changed, loads.Data("data.targets=[1, 0, 0, 1]"));
    }
}
