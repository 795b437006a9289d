using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace NnLab.Cli.Tests.Slurm;

/// <summary>
/// A real single-node Slurm cluster (Debian's munge, slurmctld, slurmd), started once for the Slurm test collection:
/// three daemons in the foreground as child processes, everything (config, munge key and socket, state, spool, logs)
/// under one temporary folder, loopback addresses and random high ports, no systemd, no accounting. Clients find it
/// through SLURM_CONF. It installs nothing: test.sh installs the packages, and a missing binary FAILS the tests.
/// The node claims 4 CPUs (more tasks at once than the 2 cores; SlurmdParameters=config_overrides) and
/// MaxArraySize is 8, so a sweep of more than 8 tasks is split into several arrays.
/// </summary>
public sealed partial class SlurmCluster : IDisposable
{
    public const int MaxArraySize = 8;
    public const int Cpus = 4;

    private readonly List<Process> _daemons = [];

    public SlurmCluster()
    {
        foreach (string tool in new[] { "munged", "slurmctld", "slurmd", "sbatch", "squeue", "scontrol", "scancel" })
            if (Which(tool) is null)
                throw new InvalidOperationException($"'{tool}' is not installed: the Slurm tests need Debian's slurmctld, slurmd, slurm-client and munge (./test.sh installs them).");
        Base = Path.Combine(Path.GetTempPath(), "nnslurm-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (string dir in new[] { "etc", "munge", "state", "log", "spool", "shared" }) Directory.CreateDirectory(Path.Combine(Base, dir));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path.Combine(Base, "munge"), (UnixFileMode)0b111_101_101);
        Host = Output("hostname", "-s").Trim();
        Directory.CreateDirectory(Path.Combine(Base, "spool", Host));
        string key = Path.Combine(Base, "munge", "munge.key");
        File.WriteAllBytes(key, RandomNumberGenerator(1024));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        int port = 20000 + Random.Shared.Next(0, 20000) * 2;
        ConfPath = Path.Combine(Base, "etc", "slurm.conf");
        File.WriteAllText(ConfPath, Config(port));

        var watch = Stopwatch.StartNew();
        string m = Path.Combine(Base, "munge");
        Start("munged", $"--foreground --socket={m}/munge.socket --key-file={key} --pid-file={m}/munged.pid --seed-file={m}/munged.seed --log-file={Base}/log/munged.log");
        WaitFor(() => File.Exists(Path.Combine(m, "munge.socket")), "munged's socket");
        Start("slurmctld", $"-D -f {ConfPath}");
        WaitFor(() => Client("scontrol", "ping").Contains("is UP"), "slurmctld (scontrol ping)");
        Start("slurmd", $"-D -f {ConfPath} -N {Host}");
        WaitFor(() => Client("sinfo", "-h", "-n", Host, "-o", "%T").Trim() == "idle", "the node to be idle");
        StartupTime = watch.Elapsed;
    }

    public string Base { get; }
    public string Host { get; }
    public string ConfPath { get; }
    public TimeSpan StartupTime { get; }

    /// <summary>A fresh folder under the cluster's base, as a shared filesystem would be.</summary>
    public string NewFolder(string name)
    {
        string path = Path.Combine(Base, "shared", name + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>The environment nnlab runs with to reach this cluster (and poll it quickly).</summary>
    public (string, string)[] Environment => [("SLURM_CONF", ConfPath), ("NNLAB_SLURM_POLL_SECONDS", "0.25")];

    /// <summary>Runs a Slurm client against this cluster and returns its stdout (stderr appended).</summary>
    public string Client(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        start.Environment["SLURM_CONF"] = ConfPath;
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    /// <summary>Waits until none of <paramref name="jobIds"/>'s tasks is queued or running.</summary>
    public void WaitGone(IEnumerable<string> jobIds, TimeSpan timeout)
    {
        string ids = string.Join(',', jobIds);
        WaitFor(() => Client("squeue", "-h", "-r", "-o", "%i", "-j", ids).Trim() is var o && (o.Length == 0 || o.Contains("Invalid job id")), $"jobs {ids} to leave the queue", timeout);
    }

    public void WaitFor(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > (timeout ?? TimeSpan.FromSeconds(20)))
                throw new TimeoutException($"timed out waiting for {what}; logs in {Base}/log:\n{Logs()}");
            Thread.Sleep(100);
        }
    }

    public string Logs() => string.Join("\n", Directory.GetFiles(Path.Combine(Base, "log")).Select(f => $"== {f}\n{Tail(f)}"));

    public void Dispose()
    {
        try
        {
            Client("scancel", "--partition=debug");
            var watch = Stopwatch.StartNew();
            while (Client("squeue", "-h", "-o", "%i").Trim().Length > 0 && watch.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(100);
        }
        catch (Exception)
        {
            // The daemons are stopped below either way.
        }
        // slurmd first, then slurmctld, then munged: each by the pid it was started with.
        for (int i = _daemons.Count - 1; i >= 0; i--)
        {
            var daemon = _daemons[i];
            if (!daemon.HasExited) Kill(daemon.Id, 15);
            if (!daemon.WaitForExit(5000)) daemon.Kill();
            daemon.Dispose();
        }
        try
        {
            Directory.Delete(Base, recursive: true);
        }
        catch (Exception)
        {
            // A job's file still being written: the temp folder is left behind, harmless.
        }
    }

    private void Start(string daemon, string args)
    {
        // exec: the process started is the daemon itself, so it is stopped by its own pid.
        var start = new ProcessStartInfo("/bin/sh") { RedirectStandardInput = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec {daemon} {args} >>{Base}/log/{daemon}.out 2>&1");
        start.Environment["SLURM_CONF"] = ConfPath;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        _daemons.Add(process);
    }

    private string Config(int port)
    {
        string detected = Output("slurmd", "-C");
        string memory = MemoryPattern().Match(detected) is { Success: true } match ? match.Groups[1].Value : "1000";
        return $"""
            ClusterName=nnlabtest
            SlurmctldHost={Host}(127.0.0.1)
            SlurmctldPort={port}
            SlurmdPort={port + 1}
            SlurmUser=root
            SlurmdUser=root
            AuthType=auth/munge
            CredType=cred/munge
            AuthInfo=socket={Base}/munge/munge.socket
            StateSaveLocation={Base}/state
            SlurmdSpoolDir={Base}/spool/%n
            SlurmctldPidFile={Base}/state/slurmctld.pid
            SlurmdPidFile={Base}/spool/slurmd.pid
            SlurmctldLogFile={Base}/log/slurmctld.log
            SlurmdLogFile={Base}/log/slurmd.log
            ProctrackType=proctrack/linuxproc
            TaskPlugin=task/none
            JobAcctGatherType=jobacct_gather/none
            AccountingStorageType=accounting_storage/none
            JobCompType=jobcomp/none
            MpiDefault=none
            MailProg=/bin/true
            ReturnToService=2
            KillWait=5
            MaxArraySize={MaxArraySize}
            SchedulerType=sched/backfill
            SchedulerParameters=batch_sched_delay=0
            SelectType=select/cons_tres
            SelectTypeParameters=CR_Core
            SlurmdParameters=config_overrides
            NodeName={Host} NodeAddr=127.0.0.1 CPUs={Cpus} RealMemory={memory} State=UNKNOWN
            PartitionName=debug Nodes={Host} Default=YES MaxTime=INFINITE State=UP

            """;
    }

    [GeneratedRegex(@"RealMemory=(\d+)")]
    private static partial Regex MemoryPattern();

    private static string Output(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    private static string? Which(string tool) =>
        (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/sbin"])
            .Select(dir => Path.Combine(dir, tool)).FirstOrDefault(File.Exists);

    private static byte[] RandomNumberGenerator(int count) => System.Security.Cryptography.RandomNumberGenerator.GetBytes(count);

    private static string Tail(string file)
    {
        try
        {
            var lines = File.ReadAllLines(file);
            return string.Join("\n", lines.Skip(Math.Max(0, lines.Length - 15)));
        }
        catch (IOException)
        {
            return "";
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "slurm";
}
