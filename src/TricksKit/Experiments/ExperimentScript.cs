using System.Diagnostics;
using System.Globalization;

namespace TricksKit;

/// <summary>
/// The body of a script twin (<c>scripts/NN-name.cs</c>, run with <c>dotnet run</c>): an edge that reads its settings
/// from <c>--mode</c>/<c>--seeds</c>/<c>--threads</c>/<c>--parallel</c>/<c>--results</c> or else <c>TRICKS_MODE</c>/<c>TRICKS_SEEDS</c>/
/// <c>TRICKS_THREADS</c>/<c>TRICKS_PARALLELISM</c>/<c>TRICKS_RESULTS_DIR</c>, and <c>TRICKS_DATA</c> (parallelism defaults to the cores: same numbers), runs the design
/// (or with <c>--shard i/n</c> only its share of the runs, written for <c>--merge</c>, which assembles them: see <see cref="ExperimentShards"/>), prints each claim with its control, writes the
/// results JSON (and, given a <c>report</c> writer, a standalone HTML report beside it) and returns 0 when every claim
/// passed, 1 when one failed, 2 on bad arguments.
/// </summary>
public static class ExperimentScript
{
    /// <summary>
    /// Runs <paramref name="design"/> as a command-line program; returns the exit code. <paramref name="report"/> writes
    /// the result as a page to the path it is given and returns the path (e.g. <c>TricksKit.Formatters.ReportPage.Write</c>:
    /// the kit itself draws nothing).
    /// </summary>
    public static int Main(IReadOnlyList<string> args, ExperimentDesign design, TextWriter? output = null, Func<ExperimentResult, string, string>? report = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(design);
        var o = output ?? Console.Out;
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        string? mode = null, seeds = null, threads = null, results = null, parallel = null, shard = null;
        bool merge = false;
        ExperimentSettings settings;
        int? threadCount;
        try
        {
            for (int i = 0; i < args.Count; i++)
            {
                string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.", args[i]);
                switch (args[i])
                {
                    case "--mode": mode = Next(); break;
                    case "--seeds": seeds = Next(); break;
                    case "--threads": threads = Next(); break;
                    case "--results": results = Next(); break;
                    case "--parallel": parallel = Next(); break;
                    case "--shard": shard = Next(); ExperimentShards.Parse(shard, "--shard"); break;
                    case "--merge": merge = true; break;
                    default: throw new ArgumentException($"unknown argument '{args[i]}' (use --mode quick|full, --seeds 0,1,2, --threads n, --parallel n, --results DIR, --shard i/n, --merge).", "args");
                }
            }
            // The environment first (the same edge a notebook's parameter cell uses), then the arguments over it.
            settings = ExperimentSettings.FromEnvironment();
            if (mode is not null) settings = settings with { Mode = ExperimentSettings.ParseMode(mode, "--mode") };
            if (seeds is not null) settings = settings with { Seeds = ExperimentSettings.ParseSeeds(seeds, "--seeds") };
            if (results is not null) settings = settings with { ResultsDirectory = Path.GetFullPath(results) };
            if (parallel is not null)
                settings = settings with { Parallelism = ExperimentSettings.ParseParallelism(parallel, "--parallel") };
            threadCount = threads is null ? ThreadPolicy.FromEnvironment()
                : int.TryParse(threads, out var t) && t >= 1 ? t : throw new ArgumentException($"--threads must be a whole number >= 1, got '{threads}'.", "--threads");
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"{design.Notebook}: {e.Message}");
            return 2;
        }
        if (shard is not null && merge) { Console.Error.WriteLine($"{design.Notebook}: --shard and --merge are separate steps: run every shard, then --merge."); return 2; }
        Kit.Init(threadCount);
        var dir = settings.ResultsDirectory;
        if (shard is not null)
        {
            var (i, n) = ExperimentShards.Parse(shard, "--shard");
            var file = ExperimentShards.Run(design, settings, i, n, dir);
            o.WriteLine($"{design.Notebook}: shard {i}/{n} ({settings.ModeName} mode, seeds {string.Join(",", settings.Seeds)}) written to {file}; after every shard: --merge");
            return 0;
        }
        o.WriteLine($"{design.Notebook}: mode {settings.ModeName}, seeds {string.Join(",", settings.Seeds)}, {Kit.Threads} thread(s), up to {settings.Parallelism} run(s) at once");
        var clock = Stopwatch.StartNew();
        ExperimentResult result;
        try
        {
            result = merge ? ExperimentShards.Merge(design, settings, dir) : design.Run(settings);
        }
        catch (Exception e) when (merge && e is FileNotFoundException or InvalidOperationException)
        {
            Console.Error.WriteLine($"{design.Notebook}: {e.Message}");
            return 2;
        }
        o.WriteLine(Describe(result));
        var path = ResultsJson.Write(result, design.Notebook, dir);
        var page = report?.Invoke(result, Path.ChangeExtension(path, ".html"));
        o.WriteLine($"{design.Notebook}: {result.Claims.Count(c => c.Passed)}/{result.Claims.Count} claims passed in {clock.Elapsed.TotalSeconds:F1} s; results in {path}"
            + (page is null ? "" : $", report in {page}"));
        return result.Passed ? 0 : 1;
    }

    /// <summary>The claims table as text: each claim, its value, its test and its control.</summary>
    public static string Describe(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new System.Text.StringBuilder();
        foreach (var arm in result.Arms)
            sb.AppendLine($"  {arm.Name}: " + string.Join(", ", arm.MetricNames.Select(m => $"{m} {Claim.Format(arm.Mean(m))}")));
        foreach (var c in result.Claims)
        {
            sb.AppendLine($"  {(c.Passed ? "PASS" : "FAIL")} {c.Name}: {c.Metric} = {c.Shown} ({c.Bound})");
            sb.AppendLine($"       test: {c.Test}");
            if (c.Control is { } k) sb.AppendLine($"       control {k.Compares}: {k.Shown}, {(k.Holds ? "HOLDS (the test cannot tell the trick from it)" : "does not hold")}");
        }
        return sb.ToString().TrimEnd();
    }
}
