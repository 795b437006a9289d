using NnLab.Experiments;
using NnLab.Experiments.Sweeps;
using NnLab.Registry;
using NnLab.Runner.Training;

namespace NnLab.Runner.Tests.Sweeps;

/// <summary>
/// A sweep larger than SweepLoader.HeldExperiments keeps no trial's experiment and loads it again when asked: the
/// same experiment, on the data checked when the sweep was loaded, training to the same bits.
/// </summary>
public sealed class SweepHeldExperimentsTests : IDisposable
{
    private static readonly ComponentRegistry Registry = ComponentRegistry.CreateWithBuiltIns();
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string WriteSweep(string split = "")
    {
        File.WriteAllText(_dir.Combine("d.csv"), "x1,x2,y\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n0.5,0.5,1\n0.2,0.9,1\n");
        string path = _dir.Combine("sweep.yaml");
        File.WriteAllText(path, """
            name: held
            seed: 48
            data: {file: d.csv, input_columns: [x1, x2], target_columns: [y]SPLIT}
            model:
              - linear: {units: 3, init: xavier}
              - sigmoid
              - linear: {units: 1, init: xavier}
              - sigmoid
            optimizer: {name: gradient_descent, learning_rate: 1}
            training: {epochs: 30, log_every: 10}
            sweep:
              repeats: 2
              axes:
                optimizer.learning_rate: [0.5, 2]
                model[0].units: [3, 4]
            """.Replace("SPLIT", split));
        return path;
    }

    private sealed class Silent : NnLab.Training.ITrainingObserver
    {
        public void OnCostRecorded(int epoch, double cost) { }
    }

    private static double Trained(Experiment experiment) => experiment.CreateSession().Train(new Silent()).FinalCost;

    private static Sweep Load(string path, int held)
    {
        var result = new SweepLoader(Registry) { HeldExperiments = held }.LoadFile(path, ["training.log_every=5"]);
        Assert.True(result.Succeeded, string.Join("\n", result.Errors));
        return result.Sweep;
    }

    [Fact]
    public void A_trial_that_holds_nothing_loads_the_same_experiment_as_one_that_holds_it_and_trains_to_the_same_bits()
    {
        string path = WriteSweep();
        var held = Load(path, SweepLoader.DefaultHeldExperiments);
        var lean = Load(path, 0);

        Assert.All(held.Trials, t => Assert.True(t.HoldsExperiment));
        Assert.All(lean.Trials, t => Assert.False(t.HoldsExperiment));
        Assert.Equal(held.DefinitionHash, lean.DefinitionHash);
        Assert.Equal(8, lean.Trials.Count);
        for (int i = 0; i < held.Trials.Count; i++)
        {
            SweepTrial a = held.Trials[i], b = lean.Trials[i];
            Assert.Equal((a.Index, a.Id, a.Label, a.TogetherKey), (b.Index, b.Id, b.Label, b.TogetherKey));
            Assert.Equal(a.Parameters, b.Parameters);
            var reloaded = b.Experiment;
            Assert.Equal(a.Experiment.ResolvedYaml, reloaded.ResolvedYaml);
            Assert.Equal(a.Experiment.Overrides, reloaded.Overrides);
            Assert.Equal(a.Experiment.Seed, reloaded.Seed);
            Assert.Same(b.Data, reloaded.Data);
            Assert.Equal(Trained(a.Experiment), Trained(reloaded));
        }
        // Every access loads it again: nothing is kept.
        Assert.NotSame(lean.Trials[3].Experiment, lean.Trials[3].Experiment);
    }

    [Fact]
    public void A_trial_loaded_again_trains_on_the_data_checked_when_the_sweep_was_loaded_even_after_its_file_is_gone()
    {
        string path = WriteSweep();
        var lean = Load(path, 0);
        double before = Trained(lean.Trials[0].Experiment), fifth = Trained(lean.Trials[5].Experiment);

        // The file changes under a running sweep: its trials keep the data the sweep was checked (and hashed) with.
        File.WriteAllText(_dir.Combine("d.csv"), "x1,x2,y\n9,9,1\n8,8,0\n7,7,1\n6,6,0\n5,5,1\n4,4,0\n");
        Assert.Same(lean.Trials[0].Data, lean.Trials[0].Experiment.Data);
        Assert.Equal(before, Trained(lean.Trials[0].Experiment));

        // Data read without the seed are not read again at all (DataSectionMemo): the file may even go.
        File.Delete(Path.Combine(_dir.Path, "d.csv"));
        Assert.Same(lean.Trials[5].Data, lean.Trials[5].Experiment.Data);
        Assert.Equal(fifth, Trained(lean.Trials[5].Experiment));
    }

    [Fact]
    public void A_trial_whose_data_are_read_again_says_so_when_they_cannot_be()
    {
        // A split without a seed of its own draws from each repeat's seed: each trial reads its file again.
        string path = WriteSweep(", split: {train: 0.5, validation: 0.5}");
        var lean = Load(path, 0);
        double before = Trained(lean.Trials[0].Experiment);
        File.WriteAllText(_dir.Combine("d.csv"), "x1,x2,y\n9,9,1\n8,8,0\n7,7,1\n6,6,0\n5,5,1\n4,4,0\n");
        Assert.Same(lean.Trials[0].Data, lean.Trials[0].Experiment.Data);
        Assert.Equal(before, Trained(lean.Trials[0].Experiment));

        File.Delete(Path.Combine(_dir.Path, "d.csv"));
        var error = Assert.Throws<InvalidOperationException>(() => lean.Trials[5].Experiment);
        Assert.StartsWith("trial 5 no longer loads as it did when the sweep was checked: ", error.Message);
        Assert.Contains("d.csv", error.Message);
    }
}
