using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TricksKit.Experiments.Execution;

/// <summary>
/// Runs a plan's runs in parallel lanes: one lane in the calling process, each other lane in its own worker process
/// (<see cref="WorkerProcess"/>, whose body is <see cref="Main"/>): TorchSharp's random generator and thread count are
/// process-wide, so two runs at once cannot share a process. Every run starts from its own seeds
/// (<see cref="RunSeed"/>), so a run gives the same numbers in a worker as in the caller and the result is the same
/// whatever the parallelism (tested). Records come back as JSON lines on the worker's standard output; doubles
/// round-trip exactly. A worker that dies, or says nothing for longer than
/// <see cref="ExperimentSettings.WorkerSilenceLimit"/> (it is then killed), costs its unfinished run only: that run is
/// trained again in another lane or in this process, from its seeds, so the result is the same; the finished runs are
/// kept. A second death fails the experiment, naming each worker's exit code and error text.
/// </summary>
public static class Workers
{
    private const string Prefix = "TRICKS-WORKER ";

    private static int runsInWorkers;

    /// <summary>How many records worker processes have returned to this process so far (the tests check that workers ran).</summary>
    internal static int RunsInWorkers => Volatile.Read(ref runsInWorkers);

    /// <summary>
    /// Runs <paramref name="plan"/> (of <paramref name="design"/>) in up to <see cref="ExperimentSettings.Parallelism"/>
    /// lanes, this process and processes of <paramref name="worker"/> (each lane takes the next run in plan order when it
    /// is free), and returns the result without claims, exactly as <see cref="RunPlan.RunInProcess"/> would.
    /// </summary>
    public static ExperimentResult Run(RunPlan plan, ExperimentDesign design, WorkerProcess worker, IProgress<ExperimentProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(worker);
        var settings = plan.Settings;
        int total = plan.Count;
        int lanes = Math.Min(settings.Parallelism, total);
        if (lanes <= 1) return plan.RunInProcess(progress);
        Kit.Init();
        var clock = Stopwatch.StartNew();
        var records = new RunRecord?[total];
        var gate = new object();
        var deaths = new List<WorkerDeath>();
        // Runs are handed out one at a time as lanes finish (a queue): lanes stay busy however long each run is.
        var queue = new Queue<int>(Enumerable.Range(0, total));
        int? Take() { lock (gate) return queue.Count > 0 ? queue.Dequeue() : null; }
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? ownFailure = null;
        var locked = progress is null ? null : new Relay<ExperimentProgress>(e => { lock (gate) progress.Report(e); });
        Parallel.For(0, lanes, new ParallelOptions { MaxDegreeOfParallelism = lanes }, lane =>
        {
            if (lane == 0)
            {
                // The first lane is this process: it is warm (JIT, data, arms built) and trains one run at a time, so the
                // process-wide generator is its alone; only the other lanes pay a worker's start-up.
                try
                {
                    for (int? next; (next = Take()) is not null;)
                    {
                        var record = plan.Run(next.Value, plan.Relay(next.Value, locked));
                        lock (gate) records[next.Value] = record;
                    }
                }
                catch (Exception e)
                {
                    // A failed run here stops the others: the workers get no more runs, and the error is rethrown as is.
                    lock (gate) { queue.Clear(); ownFailure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e); }
                }
                return;
            }
            var death = WorkerLane(plan, design, worker, lane, lanes, Take, record =>
            {
                lock (gate) records[record.Run] = record.Record;
                Interlocked.Increment(ref runsInWorkers);
            }, locked);
            if (death is null) return;
            lock (gate)
            {
                deaths.Add(death);
                // A dead worker costs its unfinished run, not the experiment: the run goes back to the queue (another
                // lane, or this process after the lanes, trains it again from its seeds: the same numbers). A second
                // death ends the experiment.
                if (deaths.Count == 1 && death.Run is int unfinished) queue.Enqueue(unfinished);
            }
        });
        ownFailure?.Throw();
        if (deaths.Count > 1)
            throw new InvalidOperationException($"design '{design.Name}': {deaths.Count} workers died: " + string.Join("; ", deaths.Select(d => d.Describe())));
        // Runs left behind by the one dead worker (its lane ended, and the others may have finished first) run here.
        if (deaths.Count == 1)
            foreach (int run in Enumerable.Range(0, total).Where(r => records[r] is null))
            {
                locked?.Report(plan.Progress(run, null));
                records[run] = plan.Run(run, plan.Relay(run, locked));
            }
        return plan.Assemble(records, clock.Elapsed.TotalSeconds, "came back from no lane");
    }

    /// <summary>How a worker ended when it did not end well: the run it had not returned, its exit code, its last error text.</summary>
    private sealed record WorkerDeath(int Lane, int Lanes, int? Run, IReadOnlyList<int> Done, int ExitCode, string Why, string Stderr)
    {
        public string Describe() =>
            $"worker {Lane}/{Lanes - 1} ({Why}; after runs {(Done.Count == 0 ? "none" : string.Join(",", Done))}{(Run is int r ? $", during run {r}" : "")}) exited {ExitCode}: {Stderr}";
    }

    /// <summary>
    /// One worker lane: starts a worker process, hands it runs one at a time until the queue is empty, passes its
    /// records and progress on. Returns null when it ended well, else how it died (exit code other than 0, no record
    /// for the run it was given, or silent for longer than <see cref="ExperimentSettings.WorkerSilenceLimit"/>: then
    /// it is killed).
    /// </summary>
    private static WorkerDeath? WorkerLane(RunPlan plan, ExperimentDesign design, WorkerProcess worker, int lane, int lanes, Func<int?> take,
        Action<(int Run, RunRecord Record)> returned, IProgress<ExperimentProgress>? progress)
    {
        var settings = plan.Settings;
        var psi = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { worker.Path, "--design", design.Trick, "--mode", settings.ModeName, "--seeds", string.Join(",", settings.Seeds),
                     "--threads", Kit.Threads.ToString(CultureInfo.InvariantCulture), "--kernels", CpuKernels.NameOf(Kit.Kernels), "--data", string.Join(Path.PathSeparator, settings.DataPath) })
            psi.ArgumentList.Add(a);
        // As the notebook runner does for its hosts: a 64 MiB gen-0 budget keeps collections (and with them TorchSharp's
        // implicit-Scalar finalizer race, see Safe) rare.
        if (!psi.Environment.ContainsKey("DOTNET_GCgen0size")) psi.Environment["DOTNET_GCgen0size"] = "0x4000000";
        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start the worker {worker.Path}.");
        var stderr = p.StandardError.ReadToEndAsync();
        var done = new List<int>();
        int? current = null;
        string? why = null;
        bool Next()
        {
            current = take();
            try
            {
                if (current is null) { p.StandardInput.Close(); return false; }
                p.StandardInput.WriteLine(current.Value.ToString(CultureInfo.InvariantCulture));
                p.StandardInput.Flush();
                return true;
            }
            catch (IOException)
            {
                return false;                     // it died: the run it was handed is reported with its death below
            }
        }
        Next();
        while (true)
        {
            var read = p.StandardOutput.ReadLineAsync();
            if (!read.Wait(settings.WorkerSilenceLimit))
            {
                why = $"silent for {settings.WorkerSilenceLimit.TotalSeconds:F0} s, killed";
                try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { /* already gone */ }
                break;
            }
            var line = read.Result;
            if (line is null) break;
            if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue;
            var parts = line[Prefix.Length..].Split(' ', 3);
            int run = int.Parse(parts[1], CultureInfo.InvariantCulture);
            if (parts[0] == "R")
            {
                returned((run, JsonSerializer.Deserialize<RunRecord>(parts[2], RecordJson.Options)!));
                done.Add(run);
                if (current == run) current = null;
                Next();
            }
            else if (parts[0] == "P" && progress is not null)
                progress.Report(plan.Progress(run, JsonSerializer.Deserialize<TrainingProgress>(parts[2], RecordJson.Options)));
        }
        p.WaitForExit();
        if (why is null && p.ExitCode == 0 && current is null) return null;
        return new WorkerDeath(lane, lanes, current, done, p.ExitCode, why ?? (p.ExitCode != 0 ? "died" : "ended without its record"),
            Tail(stderr.Wait(TimeSpan.FromSeconds(5)) ? stderr.Result : ""));
    }

    /// <summary>The usage of <see cref="Main"/>.</summary>
    public const string Usage = "Tricks.Worker --design NAME --mode quick|full --seeds 0,1,2 --threads N [--kernels pinned|native] [--data DIR:DIR] [--runs 0,2,4] (without --runs: one run index per line on standard input)";

    /// <summary>
    /// The worker process's body: <c>--design NAME --mode quick|full --seeds 0,1,2 --threads N --data DIRS</c> runs the
    /// runs whose indices (<see cref="RunPlan"/>) come one per line on standard input, or those of <c>--runs 0,2,4</c>,
    /// and writes each record, and its progress, as a JSON line. <paramref name="designs"/> rebuilds a design from its
    /// <see cref="ExperimentDesign.Trick"/> (an <see cref="ArgumentException"/> for an unknown one). Whatever fails ends
    /// as one line on standard error and exit code 2.
    /// </summary>
    public static int Main(IReadOnlyList<string> args, Func<string, ExperimentDesign> designs, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(designs);
        var o = output ?? Console.Out;
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args, new[] { "--design", "--mode", "--seeds", "--threads", "--kernels", "--runs", "--data" }, usage: Usage);
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        if (line["--design"] is not { } name || line["--mode"] is not { } mode || line["--seeds"] is not { } seeds || line["--threads"] is not { } threads)
        {
            Console.Error.WriteLine("usage: " + Usage);
            return 2;
        }
        try
        {
            var design = designs(name);
            var settings = new ExperimentSettings(ExperimentSettings.ParseMode(mode, "--mode"), ExperimentSettings.ParseSeeds(seeds, "--seeds"));
            if (line["--data"] is { } data) settings = settings with { DataPath = data.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries) };
            Kit.Init(ExperimentSettings.ParseThreads(threads, "--threads"), line["--kernels"] is { } k ? ExperimentSettings.ParseKernels(k, "--kernels") : null);
            var plan = design.Plan(settings);
            var todo = line["--runs"] is { } runs ? ExperimentSettings.ParseSeeds(runs, "--runs") : StandardInputRuns();
            foreach (var run in todo)
            {
                if (run >= plan.Count) throw new ArgumentOutOfRangeException("--runs", run, $"run indices must be below {plan.Count} (arms x seeds).");
                var last = Stopwatch.StartNew();
                var relay = new Relay<TrainingProgress>(p =>
                {
                    if (last.ElapsedMilliseconds < 250 && p.LastEpoch is null && p.Step != p.TotalSteps) return;
                    last.Restart();
                    lock (o) { o.WriteLine($"{Prefix}P {run} {JsonSerializer.Serialize(p, RecordJson.Options)}"); o.Flush(); }
                });
                var record = plan.Run(run, relay);
                lock (o) { o.WriteLine($"{Prefix}R {run} {JsonSerializer.Serialize(record, RecordJson.Options)}"); o.Flush(); }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One line, for the caller's report of this worker's death (its standard error is passed on).
            Console.Error.WriteLine($"worker: {e.GetType().Name}: {e.Message.Replace('\n', ' ')}");
            return 2;
        }
        return 0;
    }

    private static IEnumerable<int> StandardInputRuns()
    {
        for (string? line; (line = Console.In.ReadLine()) is not null;)
            if (!string.IsNullOrWhiteSpace(line)) yield return int.Parse(line.Trim(), CultureInfo.InvariantCulture);
    }

    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host)) return host;
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }

    private static string Tail(string text) => text.Length <= 3000 ? text.Trim() : text[..1500].Trim() + " ... " + text[^1500..].Trim();
}
