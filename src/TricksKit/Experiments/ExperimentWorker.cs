using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace TricksKit;

/// <summary>
/// Runs a design's arm x seed runs in parallel: one lane in the calling process, each other lane in its own worker
/// process (<c>Tricks.Worker</c>, built next to the kit): TorchSharp's random generator and thread count are
/// process-wide, so two runs at once cannot share a process. Every run starts from its own seeds
/// (<see cref="RunSeed"/>), so a run gives the same numbers in a worker as in the caller and the result is the same
/// whatever the parallelism (tested). Records come back as JSON lines on the worker's standard output; doubles
/// round-trip exactly.
/// </summary>
public static class ExperimentWorker
{
    /// <summary>The worker's file name, looked for next to TricksKit.dll, then in the repository's artifacts/kit/.</summary>
    public const string WorkerFile = "Tricks.Worker.dll";

    private const string Prefix = "TRICKS-WORKER ";

    private static int runsInWorkers;

    /// <summary>How many records worker processes have returned to this process so far (the tests check that workers ran).</summary>
    internal static int RunsInWorkers => Volatile.Read(ref runsInWorkers);

    private static JsonSerializerOptions Json => ExperimentShards.Json;

    /// <summary>The worker to start: <see cref="WorkerFile"/> beside the kit, else in the repository's artifacts/kit/ (for tests built elsewhere); null when none is built.</summary>
    public static string? FindWorker()
    {
        var beside = Path.Combine(Path.GetDirectoryName(typeof(ExperimentWorker).Assembly.Location) ?? "", WorkerFile);
        if (File.Exists(beside)) return beside;
        var root = RepoPaths.TryFindRoot();
        var built = root is null ? null : Path.Combine(root, "artifacts", "kit", WorkerFile);
        return built is not null && File.Exists(built) ? built : null;
    }

    /// <summary>
    /// Runs <paramref name="design"/> over <paramref name="settings"/> in up to <see cref="ExperimentSettings.Parallelism"/>
    /// lanes, this process and worker processes (each lane takes the next run in the sequential order when it is free),
    /// and returns the records in arm x seed order, exactly as <see cref="Experiment.Run"/> would. Runs in this process
    /// alone when no worker is built or the design is not one of <see cref="Designs.All"/> (a worker finds its design by
    /// name).
    /// </summary>
    public static ExperimentResult Run(ExperimentDesign design, ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(settings);
        var arms = design.Arms(settings);
        int total = arms.Count * settings.Seeds.Count;
        int lanes = Math.Min(settings.Parallelism, total);
        // A worker rebuilds the arms by name, so only the registered designs can run in workers.
        bool registered = Designs.All.Any(d => ReferenceEquals(d, design));
        var worker = lanes > 1 && registered ? FindWorker() : null;
        if (worker is null) return Experiment.Run(design.Trick, arms, settings, progress);
        Kit.Init();
        var clock = Stopwatch.StartNew();
        var records = new RunRecord?[total];
        var gate = new object();
        var failures = new List<string>();
        // Runs are handed out one at a time as workers finish (a queue): lanes stay busy however long each run is.
        var queue = new Queue<int>(Enumerable.Range(0, total));
        int? Take() { lock (gate) return queue.Count > 0 ? queue.Dequeue() : null; }
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? ownFailure = null;
        Parallel.For(0, lanes, new ParallelOptions { MaxDegreeOfParallelism = lanes }, lane =>
        {
            if (lane == 0)
            {
                // The first lane is this process: it is warm (JIT, data, arms built) and trains one run at a time, so the
                // process-wide generator is its alone; only the other lanes pay a worker's start-up.
                var locked = progress is null ? null : new Relay<ExperimentProgress>(e => { lock (gate) progress.Report(e); });
                try
                {
                    for (int? next; (next = Take()) is not null;)
                    {
                        var record = Experiment.RunOne(arms, settings.Seeds, next.Value, Experiment.Relay(locked, arms, settings.Seeds, next.Value));
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
            var psi = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var a in new[] { worker, "--design", design.Trick, "--mode", settings.ModeName, "--seeds", string.Join(",", settings.Seeds),
                         "--threads", Kit.Threads.ToString(CultureInfo.InvariantCulture), "--data", string.Join(Path.PathSeparator, settings.DataPath) })
                psi.ArgumentList.Add(a);
            // As the notebook runner does for its hosts: a 64 MiB gen-0 budget keeps collections (and with them TorchSharp's
            // implicit-Scalar finalizer race, see Safe) rare.
            if (!psi.Environment.ContainsKey("DOTNET_GCgen0size")) psi.Environment["DOTNET_GCgen0size"] = "0x4000000";
            using var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start the worker {worker}.");
            var stderr = p.StandardError.ReadToEndAsync();
            var done = new List<int>();
            bool Next()
            {
                int? run = Take();
                try
                {
                    if (run is null) { p.StandardInput.Close(); return false; }
                    p.StandardInput.WriteLine(run.Value.ToString(CultureInfo.InvariantCulture));
                    p.StandardInput.Flush();
                    return true;
                }
                catch (IOException)
                {
                    // The worker died: its exit code and error text are reported below; its run goes back to the queue.
                    if (run is not null) lock (gate) queue.Enqueue(run.Value);
                    return false;
                }
            }
            Next();
            for (string? line; (line = p.StandardOutput.ReadLine()) is not null;)
            {
                if (!line.StartsWith(Prefix, StringComparison.Ordinal)) continue;
                var parts = line[Prefix.Length..].Split(' ', 3);
                int run = int.Parse(parts[1], CultureInfo.InvariantCulture);
                var (arm, seed) = (arms[run % arms.Count].Name, settings.Seeds[run / arms.Count]);
                if (parts[0] == "R")
                {
                    lock (gate) records[run] = JsonSerializer.Deserialize<RunRecord>(parts[2], Json);
                    Interlocked.Increment(ref runsInWorkers);
                    done.Add(run);
                    Next();
                }
                else if (parts[0] == "P" && progress is not null)
                    lock (gate) progress.Report(new ExperimentProgress(arm, seed, run + 1, total, JsonSerializer.Deserialize<TrainingProgress>(parts[2], Json)));
            }
            p.WaitForExit();
            if (p.ExitCode != 0) lock (gate) failures.Add($"worker {lane}/{lanes - 1} (after runs {string.Join(",", done)}) exited {p.ExitCode}: {Tail(stderr.Result)}");
        });
        ownFailure?.Throw();
        if (failures.Count > 0) throw new InvalidOperationException($"design '{design.Notebook}': " + string.Join("; ", failures));
        var missing = Enumerable.Range(0, total).Where(r => records[r] is null).ToArray();
        if (missing.Length > 0) throw new InvalidOperationException($"design '{design.Notebook}': the workers returned no record for runs {string.Join(",", missing)}.");
        var armResults = arms.Select((arm, a) => new ArmResult(arm.Name, a == 0,
            settings.Seeds.Select((_, s) => records[s * arms.Count + a]!).ToArray())).ToArray();
        return new ExperimentResult(design.Trick, settings.ModeName, settings.Seeds.ToArray(), clock.Elapsed.TotalSeconds, armResults,
            Array.Empty<Claim>(), Experiment.EnvironmentInfo());
    }

    /// <summary>
    /// The worker process's body: <c>--design NAME --mode quick|full --seeds 0,1,2 --threads N --data DIRS</c> runs the runs whose
    /// indices (seed index x arms + arm index) come one per line on standard input, or those of <c>--runs 0,2,4</c>, and
    /// writes each record, and its progress, as a JSON line.
    /// </summary>
    public static int Main(IReadOnlyList<string> args, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        var o = output ?? Console.Out;
        string? name = null, mode = null, seeds = null, threads = null, runs = null, data = null;
        for (int i = 0; i + 1 < args.Count; i += 2)
            switch (args[i])
            {
                case "--design": name = args[i + 1]; break;
                case "--mode": mode = args[i + 1]; break;
                case "--seeds": seeds = args[i + 1]; break;
                case "--threads": threads = args[i + 1]; break;
                case "--runs": runs = args[i + 1]; break;
                case "--data": data = args[i + 1]; break;
                default: Console.Error.WriteLine($"unknown argument '{args[i]}'"); return 2;
            }
        if (name is null || mode is null || seeds is null || threads is null)
        {
            Console.Error.WriteLine("usage: Tricks.Worker --design NAME --mode quick|full --seeds 0,1,2 --threads N [--data DIR:DIR] [--runs 0,2,4] (without --runs: one run index per line on standard input)");
            return 2;
        }
        var design = Designs.Find(name);
        var settings = new ExperimentSettings(ExperimentSettings.ParseMode(mode), ExperimentSettings.ParseSeeds(seeds));
        if (data is not null) settings = settings with { DataPath = data.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries) };
        Kit.Init(int.Parse(threads, CultureInfo.InvariantCulture));
        var arms = design.Arms(settings);
        var todo = runs is not null ? ExperimentSettings.ParseSeeds(runs, "--runs") : StandardInputRuns();
        foreach (var run in todo)
        {
            if (run >= arms.Count * settings.Seeds.Count) throw new ArgumentOutOfRangeException("--runs", run, $"run indices must be below {arms.Count * settings.Seeds.Count} (arms x seeds).");
            var last = Stopwatch.StartNew();
            var relay = new Relay<TrainingProgress>(p =>
            {
                if (last.ElapsedMilliseconds < 250 && p.LastEpoch is null && p.Step != p.TotalSteps) return;
                last.Restart();
                lock (o) { o.WriteLine($"{Prefix}P {run} {JsonSerializer.Serialize(p, Json)}"); o.Flush(); }
            });
            var record = Experiment.RunOne(arms, settings.Seeds, run, relay);
            lock (o) { o.WriteLine($"{Prefix}R {run} {JsonSerializer.Serialize(record, Json)}"); o.Flush(); }
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
