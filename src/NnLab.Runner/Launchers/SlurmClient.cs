using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;

namespace NnLab.Runner.Launchers;

/// <summary>
/// Slurm's command-line clients (sbatch, squeue, scontrol, scancel), run as processes: no native library, so the
/// same code drives a site's cluster and a test's. They find the cluster as usual (SLURM_CONF or /etc/slurm).
/// sacct is never used: many clusters (and the test one) have no accounting.
/// </summary>
public sealed class SlurmClient
{
    /// <summary>The result of one client call.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Message => (Error.Trim().Length > 0 ? Error : Output).Trim();
    }

    /// <summary>Runs <paramref name="tool"/>; a tool not on PATH is a <see cref="SlurmException"/>.</summary>
    public static Result Run(string tool, IEnumerable<string> args, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false,
        };
        foreach (string arg in args) start.ArgumentList.Add(arg);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SlurmException($"could not start '{tool}'.");
        }
        catch (Win32Exception)
        {
            throw new SlurmException($"'{tool}' is not on PATH: --launcher slurm needs Slurm's client commands (sbatch, squeue, scontrol, scancel) "
                + "on the machine that submits; run it on a login node of the cluster, or use the local launcher.");
        }
        using (process)
        {
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(60)))
            {
                process.Kill(entireProcessTree: true);
                throw new SlurmException($"'{tool}' did not answer within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds} s.");
            }
            process.WaitForExit();
            return new Result(process.ExitCode, output.Result, error.Result);
        }
    }

    /// <summary>MaxArraySize from <c>scontrol show config</c> (Slurm's default 1001 when it does not say).</summary>
    public static int MaxArraySize()
    {
        var result = Run("scontrol", ["show", "config"]);
        if (result.ExitCode != 0) throw new SlurmException($"scontrol show config failed: {result.Message}");
        foreach (string line in result.Output.Split('\n'))
        {
            var parts = line.Split('=', 2);
            if (parts.Length == 2 && parts[0].Trim() == "MaxArraySize"
                && int.TryParse(parts[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out int max)) return max;
        }
        return 1001;
    }

    /// <summary>Submits a batch script; its job id, or the refusal with sbatch's own message.</summary>
    public static string Submit(IReadOnlyList<string> sbatchArgs)
    {
        var result = Run("sbatch", sbatchArgs);
        string id = result.Output.Trim().Split(';')[0];
        if (result.ExitCode != 0 || id.Length == 0 || !id.All(char.IsAsciiDigit))
            throw new SlurmException($"sbatch refused the submission (exit {result.ExitCode}): {result.Message}");
        return id;
    }

    /// <summary>
    /// The state of every task of <paramref name="jobIds"/> Slurm still lists (one squeue call), as
    /// "jobid_task" → state; null when squeue cannot answer (then only the trial files tell).
    /// </summary>
    public static IReadOnlyDictionary<string, string>? Queue(IReadOnlyCollection<string> jobIds)
    {
        if (jobIds.Count == 0) return new Dictionary<string, string>();
        Result result;
        try
        {
            result = Run("squeue", ["-h", "-r", "-o", "%i %T", "-j", string.Join(',', jobIds)], TimeSpan.FromSeconds(30));
        }
        catch (SlurmException)
        {
            return null;
        }
        // Jobs that have left the queue make squeue say "Invalid job id specified" (exit 1) when none is left.
        if (result.ExitCode != 0) return result.Error.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? new Dictionary<string, string>() : null;
        var states = new Dictionary<string, string>();
        foreach (string line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split(' ', 2);
            if (parts.Length == 2) states[parts[0]] = parts[1];
        }
        return states;
    }

    public static Result Cancel(IReadOnlyCollection<string> jobIds) => Run("scancel", jobIds);
}
