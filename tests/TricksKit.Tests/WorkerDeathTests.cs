using System.Diagnostics;

namespace TricksKit.Tests;

/// <summary>A dead or silent worker costs one run, not the experiment; a second death fails it with the workers' exit codes.</summary>
public class WorkerDeathTests
{
    // Fifteen runs: the worker still has work a second after it starts, whatever the machine's speed, so the fault
    // always lands on a run it was handed (a worker that had finished would make the fault fail, not the test pass).
    private static readonly ExperimentSettings Settings = new(RunMode.Quick, new[] { 3, 4, 5 });

    private static string Json(ExperimentResult r) => ResultsJson.ToJson(r);

    /// <summary>The Tricks.Worker processes this test process started (their parent is this process).</summary>
    private static int[] OwnWorkers() => Directory.GetDirectories("/proc").Select(d => int.TryParse(Path.GetFileName(d), out var pid) ? pid : 0).Where(pid => pid > 0)
        .Where(pid =>
        {
            try
            {
                var cmd = File.ReadAllText($"/proc/{pid}/cmdline");
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var ppid = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
                return cmd.Contains(Catalog.WorkerFile, StringComparison.Ordinal) && ppid == Environment.ProcessId;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { return false; }
        }).ToArray();

    /// <summary>Runs <paramref name="design"/> with two lanes and does <paramref name="fault"/> to the worker 1 s after it appears.</summary>
    private static ExperimentResult WithFault(ExperimentDesign design, ExperimentSettings settings, Action<int> fault)
    {
        using var cancel = new CancellationTokenSource();
        var saboteur = Task.Run(async () =>
        {
            while (!cancel.IsCancellationRequested)
            {
                if (OwnWorkers() is [var pid, ..]) { await Task.Delay(1000); fault(pid); return true; }
                await Task.Delay(100);
            }
            return false;
        });
        try { return design.Run(settings); }
        finally
        {
            cancel.Cancel();
            Assert.True(saboteur.Result, "no worker was seen: the fault was never applied");
        }
    }

    [Fact]
    public void A_killed_worker_costs_one_run_and_the_results_are_those_of_an_undisturbed_run()
    {
        Kit.Init(1);
        var design = Catalog.FocalLoss.Design;
        var undisturbed = Json(design.Run(Settings));
        var killed = WithFault(design, Settings with { Parallelism = 2, Workers = Catalog.Worker() }, pid => Process.GetProcessById(pid).Kill());
        Assert.Equal(undisturbed, Json(killed));
    }

    [Fact]
    public void A_silent_worker_is_killed_after_the_limit_and_its_run_trained_again()
    {
        Kit.Init(1);
        var design = Catalog.FocalLoss.Design;
        var undisturbed = Json(design.Run(Settings));
        var settings = Settings with { Parallelism = 2, Workers = Catalog.Worker(), WorkerSilenceLimit = TimeSpan.FromSeconds(4) };
        var stopped = WithFault(design, settings, pid => Process.Start("kill", $"-STOP {pid}")!.WaitForExit());
        Assert.Equal(undisturbed, Json(stopped));
    }

    [Fact]
    public void A_second_death_fails_with_the_exit_codes_while_one_death_is_absorbed()
    {
        Kit.Init(1);
        var design = new ExperimentDesign("tiny", "00-tiny", s => new[]
        {
            new Arm("a", (r, _) => new RunRecord("a", r.Seed, new Dictionary<string, double> { ["m"] = r.Seed })),
            new Arm("b", (r, _) => new RunRecord("b", r.Seed, new Dictionary<string, double> { ["m"] = r.Seed * 2 })),
        }, r => Array.Empty<Claim>());
        var settings = new ExperimentSettings(RunMode.Quick, new[] { 1, 2, 3 });
        var broken = new WorkerProcess(Path.Combine(Path.GetTempPath(), "no-such-worker.dll"), _ => true);
        var one = design.Run(settings with { Parallelism = 2, Workers = broken });
        Assert.Equal(Json(design.Run(settings)), Json(one));
        var e = Assert.Throws<InvalidOperationException>(() => design.Run(settings with { Parallelism = 3, Workers = broken }));
        Assert.Contains("2 workers died", e.Message);
        Assert.Contains("exited", e.Message);
    }
}
