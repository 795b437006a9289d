using NnLab.Experiments.Sweeps;
using NnLab.Layers;
using NnLab.Optimizers;
using static NnLab.Experiments.Tests.Sweeps.SweepTestFiles;

namespace NnLab.Experiments.Tests.Sweeps;

public class SweepExpansionTests
{
    private static double LearningRate(SweepTrial t) => Assert.IsType<GradientDescentOptions>(t.Experiment.Optimizer.Options).LearningRate;

    private static int Units(SweepTrial t, int layer = 0) => Assert.IsType<LinearOptions>(t.Experiment.Model[layer].Options).Units;

    [Fact]
    public void Grid_is_the_cartesian_product_in_axis_order_with_the_last_axis_fastest()
    {
        var sweep = Ok(With("""
            sweep:
              axes:
                optimizer.learning_rate: [0.1, 1, 10]
                model[0].units: [2, 4]
            """));

        Assert.Equal(SweepMode.Grid, sweep.Settings.Mode);
        Assert.Equal(["optimizer.learning_rate", "model[0].units"], sweep.ParameterNames);
        Assert.Equal(["0.1", "0.1", "1", "1", "10", "10"], Values(sweep, "optimizer.learning_rate"));
        Assert.Equal(["2", "4", "2", "4", "2", "4"], Values(sweep, "model[0].units"));
        Assert.Equal([0.1, 0.1, 1, 1, 10, 10], sweep.Trials.Select(LearningRate));
        Assert.Equal([2, 4, 2, 4, 2, 4], sweep.Trials.Select(t => Units(t)));
        Assert.Equal(Enumerable.Range(0, 6), sweep.Trials.Select(t => t.Index));
        Assert.Equal("000-learning_rate=0.1,units=2", sweep.Trials[0].Label);
        Assert.Equal("005-learning_rate=10,units=4", sweep.Trials[5].Label);
        Assert.Equal("xor", sweep.Name);
    }

    [Fact]
    public void Each_trial_is_the_file_without_its_sweep_block_plus_its_overrides()
    {
        var sweep = Ok(With("""
            sweep:
              axes:
                optimizer.learning_rate: [0.5]
            """), "training.epochs=3");
        var trial = Assert.Single(sweep.Trials);

        Assert.Equal([new("training.epochs", "3"), new("optimizer.learning_rate", "0.5")], trial.Experiment.Overrides);
        Assert.Equal(3, trial.Experiment.Training.Epochs);
        Assert.Equal(48u, trial.Experiment.Seed);
        Assert.DoesNotContain("sweep", trial.Experiment.ResolvedYaml);
        Assert.Equal([new("training.epochs", "3")], sweep.Overrides);
        var alone = TestLoader.Ok(Xor, "training.epochs=3", "optimizer.learning_rate=0.5");
        Assert.Equal(alone.ResolvedYaml, trial.Experiment.ResolvedYaml);
    }

    [Fact]
    public void Zip_pairs_the_axes_values_one_by_one()
    {
        var sweep = Ok(With("""
            sweep:
              mode: zip
              axes:
                optimizer.learning_rate: [0.1, 1, 10]
                model[0].units: {linspace: [2, 6, 3]}
            """));

        Assert.Equal(["0.1", "1", "10"], Values(sweep, "optimizer.learning_rate"));
        Assert.Equal(["2", "4", "6"], Values(sweep, "model[0].units"));
    }

    [Fact]
    public void Linspace_hits_its_endpoints_and_rounds_the_points_between_to_15_digits()
    {
        var sweep = Ok(With("""
            sweep:
              axes:
                prediction.threshold: {linspace: [0, 1, 11]}
            """));

        Assert.Equal(["0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9", "1"], Values(sweep, "prediction.threshold"));
    }

    [Theory]
    [InlineData("{linspace: [2, 8, 4]}", "2,4,6,8")]
    [InlineData("{linspace: [2, 9, 3]}", "2,6,9")]
    [InlineData("{linspace: [2.0, 8.0, 4]}", "2,4,6,8")]
    [InlineData("{logspace: [1, 64, 7]}", "1,2,4,8,16,32,64")]
    public void A_range_over_an_integer_key_gives_integers(string range, string expected)
    {
        var sweep = Ok(With($"""
            sweep:
              axes:
                model[0].units: {range}
            """));

        Assert.Equal(expected.Split(','), Values(sweep, "model[0].units"));
        Assert.Equal(expected.Split(',').Select(int.Parse), sweep.Trials.Select(t => Units(t)));
    }

    [Fact]
    public void Logspace_is_geometric_between_endpoints_that_are_the_values_themselves()
    {
        var sweep = Ok(With("""
            sweep:
              axes:
                optimizer.learning_rate: {logspace: [0.05, 5000, 16]}
            """));

        Assert.Equal(
            ["0.05", "0.107721734501594", "0.232079441680639", "0.5", "1.07721734501594", "2.32079441680639", "5",
             "10.7721734501594", "23.2079441680639", "50", "107.721734501594", "232.079441680639", "500",
             "1077.21734501594", "2320.79441680639", "5000"],
            Values(sweep, "optimizer.learning_rate"));
        Assert.Equal("001-learning_rate=0.1077", sweep.Trials[1].Label);
        Assert.Equal("015-learning_rate=5000", sweep.Trials[15].Label);
    }

    [Fact]
    public void Random_mode_draws_from_its_own_numpy_stream_axis_after_axis()
    {
        const string block = """
            sweep:
              mode: random
              samples: 4
              sampler_seed: 7
              axes:
                optimizer.learning_rate: {log_uniform: [0.001, 10]}
                model[0].units: {int: [2, 8]}
                model[1]: {choice: [sigmoid, tanh]}
                prediction.threshold: {uniform: [0.2, 0.8]}
            """;
        var sweep = Ok(With(block));

        // np.random.RandomState(7); per sample: exp(uniform(ln 0.001, ln 10)), randint(2, 9), randint(0, 2), uniform(0.2, 0.8)
        Assert.Equal(["0.0020194502448102293", "0.7831784183433459", "0.10103732850016275", "0.09989183779852141"],
            Values(sweep, "optimizer.learning_rate"));
        Assert.Equal(["3", "6", "8", "6"], Values(sweep, "model[0].units"));
        Assert.Equal(["sigmoid", "tanh", "sigmoid", "sigmoid"], Values(sweep, "model[1]"));
        Assert.Equal(["0.46304553886453614", "0.5230975222462603", "0.3610633880611227", "0.6822434216626254"],
            Values(sweep, "prediction.threshold"));
        Assert.Equal("tanh", sweep.Trials[1].Experiment.Model[1].Name);
        Assert.Equal(sweep.DefinitionHash, Ok(With(block)).DefinitionHash);
        Assert.NotEqual(sweep.DefinitionHash, Ok(With(block.Replace("sampler_seed: 7", "sampler_seed: 8"))).DefinitionHash);
    }

    [Fact]
    public void Repeats_run_each_combination_over_seeds_derived_from_the_experiments_seed()
    {
        var sweep = Ok(With("""
            sweep:
              repeats: 3
              axes:
                optimizer.learning_rate: [0.1, 1]
            """));

        Assert.Equal(["optimizer.learning_rate", "repeat", "seed"], sweep.ParameterNames);
        Assert.Equal(["0.1", "0.1", "0.1", "1", "1", "1"], Values(sweep, "optimizer.learning_rate"));
        Assert.Equal(["0", "1", "2", "0", "1", "2"], Values(sweep, "repeat"));
        Assert.Equal(["48", "1048", "2048", "48", "1048", "2048"], Values(sweep, "seed"));
        Assert.Equal([48u, 1048u, 2048u, 48u, 1048u, 2048u], sweep.Trials.Select(t => t.Experiment.Seed));
        Assert.Equal("004-learning_rate=1,repeat=1", sweep.Trials[4].Label);
        Assert.Equal(6, sweep.Trials.Select(t => t.Id).Distinct().Count());
    }

    [Fact]
    public void Repeat_seeds_follow_a_seed_set_on_the_command_line()
    {
        var sweep = Ok(With("""
            sweep:
              repeats: 2
              axes:
                optimizer.learning_rate: [1]
            """), "seed=4294967000");

        Assert.Equal(["4294967000", "704"], Values(sweep, "seed"));
    }

    [Fact]
    public void A_trials_id_is_the_hash_of_its_resolved_yaml_and_the_definition_ignores_comments_and_parallelism()
    {
        const string block = """
            sweep:
              axes:
                optimizer.learning_rate: [0.1, 1]
            """;
        var sweep = Ok(With(block));
        var commented = Ok(With("# a comment\n" + block.Replace("sweep:", "sweep:\n  parallel: 3\n  on_error: stop")));
        var changed = Ok(With(block.Replace("[0.1, 1]", "[0.1, 2]")));

        Assert.Matches("^[0-9a-f]{16}$", sweep.Trials[0].Id);
        Assert.Equal(TestLoader.Ok(Xor, "optimizer.learning_rate=0.1").ResolvedYaml, sweep.Trials[0].Experiment.ResolvedYaml);
        Assert.Matches("^[0-9a-f]{64}$", sweep.DefinitionHash);
        Assert.Equal(sweep.DefinitionHash, commented.DefinitionHash);
        Assert.Equal(3, commented.Settings.Parallel);
        Assert.Equal(SweepErrorPolicy.Stop, commented.Settings.OnError);
        Assert.Equal(sweep.Trials[0].Id, changed.Trials[0].Id);
        Assert.NotEqual(sweep.DefinitionHash, changed.DefinitionHash);
    }

    [Fact]
    public void Values_may_be_any_yaml_and_keys_sharing_a_last_name_are_labelled_by_their_path()
    {
        var sweep = Ok(With("""
            sweep:
              mode: zip
              axes:
                optimizer: [{name: momentum, learning_rate: 0.5}, "gradient_descent"]
                model[0].units: [2, 3]
                model[2].units: [1, 1]
            """));

        Assert.Equal(["{name: momentum, learning_rate: 0.5}", "gradient_descent"], Values(sweep, "optimizer"));
        Assert.Equal("momentum", sweep.Trials[0].Experiment.Optimizer.Name);
        Assert.Equal("000-optimizer=_name__momentum,_learning_rate__0.5_,model[0].units=2,model[2].units=1", sweep.Trials[0].Label);
    }

    [Fact]
    public void A_file_with_a_sweep_block_is_recognised_and_the_experiment_loader_points_to_the_sweep_command()
    {
        string file = With("sweep:\n  axes:\n    seed: [1, 2]\n");

        Assert.True(SweepFile.Declares(file));
        Assert.False(SweepFile.Declares(Xor));
        Assert.False(SweepFile.Declares("sweep: [unclosed"));
        Assert.Equal(
            "exp.yaml:11:1: sweep: this file declares a sweep (many trials), not one experiment: run it with 'nnlab sweep FILE' or 'nnlab run FILE'",
            TestLoader.Error(file));
    }
}
