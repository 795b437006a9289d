using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using NnLab.Experiments;
using NnLab.Experiments.Sweeps;
using NnLab.Registry;

namespace NnLab.Runner.Tests.Reliability;

/// <summary>
/// A seeded text-level mutation fuzzer for experiment and sweep files (issue #19): line edits, type confusion, huge and
/// special numbers, deep nesting, aliases, tags, encodings, absurd sweeps and special files as data. Each case goes
/// through the loader as <c>nnlab validate</c> does (a sweep file through the sweep loader), and optionally through a
/// run; a case fails when an exception escapes, an error has no location, or it takes too long or allocates too much.
/// </summary>
internal sealed class LoaderFuzzer
{
    /// <summary>What one case did: its file, how long it took, what it allocated, and the problem if it broke a rule.</summary>
    public sealed record CaseResult(int Number, string Yaml, double Seconds, long AllocatedBytes, bool Valid, string? Problem)
    {
        /// <summary>Past the time limit, and stopped by cancellation within 2 s (a large valid sweep).</summary>
        public bool Slow { get; init; }
    }

    private static readonly string[] Replacements =
    [
        "0", "-1", "1e309", "-1e309", "1e-320", "-0", ".nan", ".inf", "-.inf", "NaN", "99999999999999999999", "2147483648",
        "-2147483649", "4294967296", "9223372036854775808", "0x10", "1_000", "0o17", "1.5", "3", "~", "null", "", "''",
        "'3'", "\"\\u0000\"", "[]", "{}", "[1, 2]", "{a: 1}", "yes", "true", "!!str 3", "!!int '3'", "!!float x",
        "!!python/object:os.system {units: 3}", "!custom 1", "*undefined", "&a 1", "[*a]", "|\n  text", ">-\n  folded",
        "\"unterminated", "[unclosed", "{unclosed: 1", "2147483647", "100000", "65536",
    ];

    private static readonly string[] DataFiles = ["/dev/zero", "/dev/urandom", "/dev/null", "/", "", "/proc/self/status", "missing.csv", "/etc/passwd"];

    private readonly Random _random;
    private readonly IReadOnlyList<string> _seeds;
    private readonly ComponentRegistry _registry = ComponentRegistry.CreateWithBuiltIns();
    private readonly string _folder;

    public LoaderFuzzer(int seed, IReadOnlyList<string> seeds, string folder)
    {
        _random = new Random(seed);
        _seeds = seeds;
        _folder = folder;
    }

    /// <summary>The experiment files shipped in experiments/ (sweeps included), read as seeds.</summary>
    public static IReadOnlyList<string> ShippedExperiments()
    {
        string? root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "NnLab.sln"))) root = Path.GetDirectoryName(root);
        Assert.NotNull(root);
        return Directory.GetFiles(Path.Combine(root!, "experiments"), "*.yaml", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(path => File.ReadAllText(path).Replace("data/xor.csv", Path.Combine(root!, "experiments", "data", "xor.csv")))
            .ToList();
    }

    /// <summary>The next mutated file: a seed with one to four mutations.</summary>
    public string Next()
    {
        string text = _seeds[_random.Next(_seeds.Count)];
        int mutations = 1 + _random.Next(4);
        for (int i = 0; i < mutations; i++) text = Mutate(text);
        return text;
    }

    private string Mutate(string text)
    {
        var lines = text.Split('\n').ToList();
        int line = _random.Next(lines.Count);
        switch (_random.Next(16))
        {
            case 0: lines.RemoveAt(line); break;
            case 1: lines.Insert(line, lines[_random.Next(lines.Count)]); break;
            case 2:
                int other = _random.Next(lines.Count);
                (lines[line], lines[other]) = (lines[other], lines[line]);
                break;
            case 3 or 4 or 5: lines[line] = ReplaceValue(lines[line]); break;
            case 6: lines[line] += " " + new string('[', Pick(10, 100, 1000, 40_000)); break;
            case 7: lines[line] = ReplaceValue(lines[line], new string('[', 60) + new string(']', 60)); break;
            case 8: return AliasBomb(_random.Next(3, 9)) + text;
            case 9: return text.Length == 0 ? text : text[.._random.Next(text.Length)];
            case 10: return Encoding(text);
            case 11: return text + AbsurdSweep();
            case 12: return DataFile(text);
            case 13:
                var chars = text.ToCharArray();
                for (int k = 0; k < 3 && chars.Length > 0; k++) chars[_random.Next(chars.Length)] = (char)_random.Next(1, 128);
                return new string(chars);
            case 14: lines[line] = new string(' ', _random.Next(0, 6)) + lines[line].TrimStart(); break;
            default: lines.Insert(line, $"{Key()}: {Replacements[_random.Next(Replacements.Length)]}"); break;
        }
        return string.Join('\n', lines);
    }

    private int Pick(params int[] values) => values[_random.Next(values.Length)];

    private string Key() => new[] { "name", "seed", "model", "training", "data", "cost", "optimizer", "sweep", "prediction", "extra" }[_random.Next(10)];

    private string ReplaceValue(string line, string? value = null)
    {
        int colon = line.IndexOf(": ", StringComparison.Ordinal);
        value ??= Replacements[_random.Next(Replacements.Length)];
        return colon < 0 ? line + " " + value : line[..(colon + 2)] + value;
    }

    private static string AliasBomb(int levels)
    {
        var text = new StringBuilder("b0: &b0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n");
        for (int i = 1; i <= levels; i++)
            text.Append(CultureInfo.InvariantCulture, $"b{i}: &b{i} [{string.Join(", ", Enumerable.Repeat($"*b{i - 1}", 10))}]\n");
        return text.ToString();
    }

    private string Encoding(string text) => _random.Next(6) switch
    {
        0 => "\uFEFF" + text,
        1 => text.Replace("\n", "\r\n"),
        2 => text.Insert(_random.Next(text.Length + 1), "\0"),
        3 => text.Insert(_random.Next(text.Length + 1), "\uD800"),
        4 => text.Replace("  ", "\t"),
        _ => text.Insert(_random.Next(text.Length + 1), "\u2028\u00e9\U0001F600"),
    };

    private string AbsurdSweep()
    {
        string[] axes =
        [
            "training.epochs: {linspace: [1, 1000000, 10000]}",
            "optimizer.learning_rate: {logspace: [1e-300, 1e300, 100]}",
            $"optimizer.learning_rate: [{string.Join(", ", Enumerable.Range(1, Pick(10, 1000, 3000)))}]",
            "seed: {linspace: [0, 4294967295, 50]}",
            "model[0].units: [1, 2, 100000]",
            "training.epochs: {linspace: [1, 10, 99999999999]}",
            "training.epochs: [*undefined]",
            "x.y.z: [1]",
        ];
        string extra = _random.Next(3) == 0 ? $"  repeats: {Pick(1, 100, 1000, 100000)}\n" : "";
        return $"\nsweep:\n{extra}  axes:\n    {axes[_random.Next(axes.Length)]}\n";
    }

    private string DataFile(string text)
    {
        string file = DataFiles[_random.Next(DataFiles.Length)];
        if (_random.Next(4) == 0)
        {
            file = Path.Combine(_folder, "line.csv");
            if (!File.Exists(file)) File.WriteAllText(file, "x1,x2,y\n" + new string('1', 2_000_000));
        }
        return System.Text.RegularExpressions.Regex.Replace(text, @"(?m)^data:.*(\n[ \t]+.*)*",
            $"data:\n  file: {file}\n  input_columns: [x1, x2]\n  target_columns: [y]");
    }

    /// <summary>Loads <paramref name="yaml"/> as validate does (and runs it when <paramref name="run"/>), within the bounds.</summary>
    public CaseResult Check(int number, string yaml, bool run, double maxSeconds, long maxBytes)
    {
        var clock = Stopwatch.StartNew();
        long allocated = 0;
        bool valid = false, slow = false;
        string? problem = null;
        using var cancel = new CancellationTokenSource();
        var worker = Task.Factory.StartNew(() =>
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                problem = Load(yaml, run, cancel.Token, out valid);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                // Stopped at the time limit: the caller records it as slow (it did stop).
            }
            catch (Exception e)
            {
                problem = $"{e.GetType().Name} escaped: {e.Message}\n{e.StackTrace}";
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }, TaskCreationOptions.LongRunning);
        if (!worker.Wait(TimeSpan.FromSeconds(maxSeconds)))
        {
            cancel.Cancel();
            bool stopped = worker.Wait(TimeSpan.FromSeconds(2));
            // Slow is not hung: a valid sweep of thousands of trials may take long on a loaded machine, as long as
            // Ctrl+C stops it. Only a case that ignores cancellation breaks the rule.
            if (stopped) slow = true;
            else problem = $"took more than {maxSeconds} s and did not stop within 2 s of cancellation";
        }
        double seconds = clock.Elapsed.TotalSeconds;
        // Allocation is throughput, not memory (a 10,000-trial sweep allocates gigabytes it frees as it goes): it is
        // reported, and only an absurd figure breaks the rule; memory is judged by the working set (FuzzTests).
        if (problem is null && allocated > maxBytes) problem = $"allocated {allocated / 1e6:F0} MB";
        return new CaseResult(number, yaml, seconds, allocated, valid, problem) { Slow = slow };
    }

    private string? Load(string yaml, bool run, CancellationToken cancellation, out bool valid)
    {
        valid = false;
        IReadOnlyList<ConfigError> errors;
        Experiment? experiment = null;
        if (SweepFile.Declares(yaml))
        {
            var sweep = new SweepLoader(_registry, null, cancellation).LoadText(yaml, "fuzz.yaml", _folder);
            errors = sweep.Errors;
            valid = sweep.Succeeded;
            experiment = sweep.TryGetSweep(out var loadedSweep) ? loadedSweep.Trials[0].Experiment : null;
        }
        else
        {
            var loaded = new ExperimentLoader(_registry) { Cancellation = cancellation }.LoadText(yaml, "fuzz.yaml", _folder);
            errors = loaded.Errors;
            valid = loaded.Succeeded;
            experiment = loaded.TryGetExperiment(out var loadedExperiment) ? loadedExperiment : null;
        }
        if (!valid && errors.Count == 0) return "refused without an error";
        if (errors.FirstOrDefault(e => e.Line < 1 || e.Column < 1 || string.IsNullOrEmpty(e.File) || string.IsNullOrWhiteSpace(e.Message)) is { } bad)
            return $"an error without a location: {bad}";
        if (run && experiment is not null) return Run(experiment, cancellation);
        return null;
    }

    private string? Run(Experiment experiment, CancellationToken cancellation)
    {
        // A run may train for a long time by design (epochs: 1000000): give it a short budget, then Ctrl+C it.
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        budget.CancelAfter(TimeSpan.FromSeconds(1));
        string folder = Path.Combine(_folder, "runs", Guid.NewGuid().ToString("N"));
        var outcome = new ExperimentRunner(NullLogger<ExperimentRunner>.Instance, TimeProvider.System)
            .RunAsync(experiment, new RunOptions { OutputDirectory = folder }, budget.Token).GetAwaiter().GetResult();
        string summary = File.ReadAllText(Path.Combine(folder, "summary.json"));
        Directory.Delete(folder, recursive: true);
        if (summary.Contains("\"running\"")) return $"the run ended {outcome.Summary.Status} with summary.json still saying running";
        return null;
    }
}
