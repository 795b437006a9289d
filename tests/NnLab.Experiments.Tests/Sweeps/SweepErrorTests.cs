using static NnLab.Experiments.Tests.Sweeps.SweepTestFiles;

namespace NnLab.Experiments.Tests.Sweeps;

/// <summary>Invalid sweeps: every error located at file:line:column in the sweep block (line 11 on) or the experiment.</summary>
public class SweepErrorTests
{
    private static string Error(string block, params string[] overrides) => Assert.Single(Errors(With(block), overrides));

    [Fact]
    public void An_empty_axis_is_an_error_at_its_value()
    {
        Assert.Equal("exp.yaml:13:30: sweep.axes.optimizer.learning_rate: is empty; an axis needs at least one value",
            Error("sweep:\n  axes:\n    optimizer.learning_rate: []\n"));
    }

    [Fact]
    public void Zip_axes_of_unequal_lengths_are_an_error_naming_each_length()
    {
        Assert.Equal(
            "exp.yaml:14:5: sweep.axes: zip pairs the axes' values one by one, so every axis needs the same number of values; "
            + "got optimizer.learning_rate: 3, model[0].units: 2",
            Error("sweep:\n  mode: zip\n  axes:\n    optimizer.learning_rate: [0.1, 1, 10]\n    model[0].units: [2, 4]\n"));
    }

    [Fact]
    public void An_unknown_mode_is_an_error_with_the_nearest_name()
    {
        Assert.Equal("exp.yaml:12:9: sweep.mode: expected one of grid, zip, random, got 'gird'; did you mean 'grid'?",
            Error("sweep:\n  mode: gird\n  axes:\n    seed: [1, 2]\n"));
    }

    [Fact]
    public void Random_mode_needs_samples_and_only_random_mode_takes_them()
    {
        Assert.Equal("exp.yaml:12:3: sweep.samples: missing required key 'samples': random mode draws this many trials",
            Error("sweep:\n  mode: random\n  axes:\n    seed: {int: [0, 9]}\n"));
        Assert.Equal(
            ["exp.yaml:12:12: sweep.samples: is only used by 'mode: random' (this sweep's mode is grid)",
             "exp.yaml:13:17: sweep.sampler_seed: is only used by 'mode: random' (this sweep's mode is grid)"],
            Errors(With("sweep:\n  samples: 5\n  sampler_seed: 1\n  axes:\n    seed: [1, 2]\n")));
    }

    [Fact]
    public void A_distribution_outside_random_mode_is_an_error()
    {
        Assert.Equal(
            "exp.yaml:13:30: sweep.axes.optimizer.learning_rate.uniform: 'uniform' draws random values, so it needs 'mode: random' in the sweep block; "
            + "in grid or zip mode use a list, linspace or logspace",
            Error("sweep:\n  axes:\n    optimizer.learning_rate: {uniform: [0.1, 1]}\n"));
    }

    [Fact]
    public void Malformed_ranges_are_errors_at_their_arguments()
    {
        Assert.Equal(
            ["exp.yaml:13:41: sweep.axes.optimizer.learning_rate.logspace: logspace needs positive endpoints (they are the values, not exponents), got -1 and 2",
             "exp.yaml:14:32: sweep.axes.model[0].units.linspace: expected [start, stop, count], got a list of 2 items",
             "exp.yaml:15:45: sweep.axes.prediction.threshold.linspace[2]: the count must be 1 to 1000000, got 0"],
            Errors(With("sweep:\n  axes:\n    optimizer.learning_rate: {logspace: [-1, 2, 4]}\n    model[0].units: {linspace: [1, 2]}\n"
                + "    prediction.threshold: {linspace: [0, 1, 0]}\n")));
    }

    [Fact]
    public void An_unknown_path_is_reported_at_the_axis_key()
    {
        Assert.Equal(
            "exp.yaml:13:15: optimizer.learnin_rate: unknown option 'learnin_rate' in optimizer 'gradient_descent'; did you mean 'learning_rate'? "
            + "Valid options: learning_rate, decay, decay_rate, decay_steps.",
            Error("sweep:\n  axes:\n    optimizer.learnin_rate: [0.1, 1]\n"));
        Assert.Equal("exp.yaml:13:10: model[9].units: index 9 is out of range: 'model' has 4 items",
            Error("sweep:\n  axes:\n    model[9].units: [1, 2]\n"));
        Assert.Equal("exp.yaml:13:10: model[: expected [index] with a number from 0, e.g. model[0]",
            Error("sweep:\n  axes:\n    model[: [1, 2]\n"));
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_at_that_value_once()
    {
        Assert.Equal(
            ["exp.yaml:13:25: model[0].units: expected an integer, got 'many'",
             "exp.yaml:13:31: model[0].units: must be at least 1, got 0"],
            // Each bad value is in two trials of the grid: reported once, and neither trial passes.
            Errors(With("sweep:\n  axes:\n    model[0].units: [2, many, 0]\n    optimizer.learning_rate: [0.1, 1]\n")));
    }

    [Fact]
    public void A_range_over_an_integer_key_must_not_round_two_points_together()
    {
        Assert.Equal(
            "exp.yaml:13:21: model[0].units: 'model[0].units' takes integers, and these 5 points round to repeated values (1, 2, 2, 3, 3); use fewer points or a wider range",
            Error("sweep:\n  axes:\n    model[0].units: {linspace: [1, 3, 5]}\n"));
    }

    [Fact]
    public void A_seed_axis_cannot_be_repeated()
    {
        Assert.Equal(
            "exp.yaml:12:12: sweep.repeats: repeats derive each trial's seed from 'seed' (seed + 1000·r), so they cannot be combined with the 'seed' axis at line 14; use one or the other",
            Error("sweep:\n  repeats: 2\n  axes:\n    seed: [1, 2]\n"));
    }

    [Fact]
    public void Block_level_mistakes_are_each_reported()
    {
        Assert.Equal(
            ["exp.yaml:12:3: sweep.parralel: unknown key 'parralel' in the sweep block; did you mean 'parallel'? Valid keys: mode, parallel, on_error, repeats, samples, sampler_seed, rank_by, trial_files, together, axes, launcher.",
             "exp.yaml:13:13: sweep.on_error: expected one of continue, stop, got 'ignore'",
             "exp.yaml:14:12: sweep.repeats: expected an integer between 1 and 1000000, got '0'",
             "exp.yaml:15:9: sweep.axes: has no axes; give at least one, e.g. optimizer.learning_rate: [0.1, 1, 10]"],
            Errors(With("sweep:\n  parralel: 2\n  on_error: ignore\n  repeats: 0\n  axes: {}\n")));
        Assert.Equal("exp.yaml:11:8: sweep: expected a mapping with at least 'axes', got '3'", Error("sweep: 3\n"));
        Assert.Equal("exp.yaml:12:3: sweep.axes: missing required key 'axes': the keys to vary and their values",
            Error("sweep:\n  mode: grid\n"));
        Assert.Equal("exp.yaml:13:11: sweep.axes.seed: expected a list of values (e.g. [0.1, 1, 10]) or a range such as {linspace: [start, stop, count]}, got '5'",
            Error("sweep:\n  axes:\n    seed: 5\n"));
        Assert.Equal("exp.yaml:12:13: sweep.together: expected one of auto, off, got 'yes'",
            Error("sweep:\n  together: yes\n  axes:\n    seed: [1, 2]\n"));
        Assert.Equal("exp.yaml:12:3: sweep.togther: unknown key 'togther' in the sweep block; did you mean 'together'? Valid keys: mode, parallel, on_error, repeats, samples, sampler_seed, rank_by, trial_files, together, axes, launcher.",
            Error("sweep:\n  togther: off\n  axes:\n    seed: [1, 2]\n"));
        Assert.Equal("exp.yaml:12:13: sweep.launcher: expected one of local, slurm, got 'slrum'; did you mean 'slurm'?",
            Error("sweep:\n  launcher: slrum\n  axes:\n    seed: [1, 2]\n"));
        Assert.Equal("exp.yaml:12:42: sweep.launcher.cpus_per_task: expected an integer between 1 and 4096, got '0'",
            Error("sweep:\n  launcher: {name: slurm, cpus_per_task: 0}\n  axes:\n    seed: [1, 2]\n"));
    }

    [Fact]
    public void A_sweep_larger_than_the_limit_is_refused()
    {
        Assert.Equal(
            "exp.yaml:14:5: sweep.axes: expands to 2000000 trials (repeats included); a sweep runs at most 1000000: use fewer values or sample them with 'mode: random'",
            Error("sweep:\n  repeats: 2\n  axes:\n    prediction.threshold: {linspace: [0, 1, 1000]}\n    optimizer.learning_rate: {logspace: [0.01, 1, 1000]}\n"));
    }

    [Fact]
    public void The_base_experiment_and_the_command_line_are_checked_too()
    {
        Assert.Equal(
            ["exp.yaml:10:20: training.epochs: must be at least 1, got 0",
             "--set:1:1: trainin: unknown key 'trainin'; did you mean 'training'? Valid keys: name, seed, data, model, cost, optimizer, training, prediction."],
            Errors(With("sweep:\n  axes:\n    seed: [1, 2]\n").Replace("epochs: 10", "epochs: 0"), "trainin.epochs=3"));
        Assert.Equal("exp.yaml:1:1: sweep: missing the 'sweep' block: this file is a single experiment; run it with 'nnlab run FILE'",
            Assert.Single(Errors(Xor)));
    }
}
