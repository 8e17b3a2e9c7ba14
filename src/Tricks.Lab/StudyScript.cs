using System.Diagnostics;
using System.Globalization;
using Plotly.NET;
using TricksKit.Experiments;
using TricksKit.Experiments.Execution;
using TricksKit.Formatters;

namespace Tricks.Lab;

/// <summary>
/// The body of a script twin (<c>scripts/NN-name.cs</c>, run with <c>dotnet run</c>): an edge that reads its settings
/// from <c>--mode</c>/<c>--seeds</c>/<c>--threads</c>/<c>--kernels</c>/<c>--parallel</c>/<c>--results</c> or else the
/// environment (<see cref="LabSettings.FromEnvironment"/>, <c>TRICKS_THREADS</c>, <c>TRICKS_KERNELS</c>), runs the study's design (or with
/// <c>--shard i/n</c> only its share of the runs, written for <c>--merge</c>, which assembles them: see
/// <see cref="Shards"/>), prints each claim with its control, writes the results JSON and beside it a standalone HTML
/// report of the study's figures, and returns 0 when every claim passed, 1 when one failed, 2 on bad arguments.
/// </summary>
public static class StudyScript
{
    /// <summary>The options a twin takes.</summary>
    public const string Usage = "--mode quick|full, --seeds 0,1,2, --threads n, --kernels pinned|native, --parallel n, --results DIR, --shard i/n, --merge, --sweep, --verbose";

    /// <summary>
    /// Runs <paramref name="study"/> as a command-line program; returns the exit code. With <c>--sweep</c> it runs the
    /// study's tuning <see cref="Study.Sweep"/> instead (on tuning seeds: the CI seeds are refused), prints each
    /// candidate's validation metrics with their intervals and writes <c>NN-name-sweep.json</c>.
    /// </summary>
    public static int Main(IReadOnlyList<string> args, Study study, TextWriter? output = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(study);
        if (!args.Contains("--sweep")) return Main(args, study.Design, study.Figures, output, study.Summary);
        if (study.SweepDesign is null)
        {
            Console.Error.WriteLine($"{study.Name}: --sweep: this study chooses nothing by a sweep (its design log entry says how its settings were chosen).");
            return 2;
        }
        return Main(args.Where(a => a != "--sweep").ToArray(), study.SweepDesign, null, output, study.Sweep);
    }

    /// <summary>
    /// Runs <paramref name="design"/> as a command-line program with <paramref name="figures"/> in its report (none:
    /// the default charts); returns the exit code. Whatever fails (a bad option, a results folder that cannot be
    /// written, missing data, a damaged shard) ends as one line on standard error naming the file or option, and
    /// exit code 2, before any training where it can be known before; <c>--verbose</c> adds the stack trace.
    /// </summary>
    /// <remarks><paramref name="summary"/>, when given, is printed after the claims (e.g. an ablation's table).</remarks>
    public static int Main(IReadOnlyList<string> args, ExperimentDesign design, Func<ExperimentResult, IReadOnlyList<GenericChart>>? figures = null, TextWriter? output = null,
        Func<ExperimentResult, string>? summary = null) =>
        Main(args, design, figures, output, sweep: null, summary);

    private static int Main(IReadOnlyList<string> args, ExperimentDesign design, Func<ExperimentResult, IReadOnlyList<GenericChart>>? figures, TextWriter? output, Sweep? sweep,
        Func<ExperimentResult, string>? summary = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(design);
        bool verbose = args.Contains("--verbose");
        try
        {
            return Run(args, design, figures, output ?? Console.Out, sweep, summary);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            Console.Error.WriteLine($"{design.Name}: {OneLine(e)}");
            if (verbose) Console.Error.WriteLine(e);
            return 2;
        }
    }

    private static int Run(IReadOnlyList<string> args, ExperimentDesign design, Func<ExperimentResult, IReadOnlyList<GenericChart>>? figures, TextWriter o, Sweep? sweep,
        Func<ExperimentResult, string>? summary)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var line = CommandLine.Parse(args, new[] { "--mode", "--seeds", "--threads", "--kernels", "--results", "--parallel", "--shard" }, new[] { "--merge", "--verbose" }, usage: Usage);
        (int Shard, int Of)? shard = line["--shard"] is { } text ? Shards.Parse(text, "--shard") : null;
        bool merge = line.Has("--merge");
        if (shard is not null && merge) throw new ArgumentException("--shard and --merge are separate steps: run every shard, then --merge.", "--merge");
        // The environment first (the same edge a notebook's parameter cell uses), then the arguments over it.
        var settings = LabSettings.FromEnvironment();
        if (line["--mode"] is { } mode) settings = settings with { Mode = ExperimentSettings.ParseMode(mode, "--mode") };
        if (line["--seeds"] is { } seeds) settings = settings with { Seeds = ExperimentSettings.ParseSeeds(seeds, "--seeds") };
        if (line["--results"] is { } results) settings = settings with { ResultsDirectory = Path.GetFullPath(results) };
        if (line["--parallel"] is { } parallel) settings = settings with { Parallelism = ExperimentSettings.ParseParallelism(parallel, "--parallel") };
        int? threads = line["--threads"] is { } t ? ExperimentSettings.ParseThreads(t, "--threads") : ExperimentSettings.ThreadsFromEnvironment();
        var kernels = line["--kernels"] is { } kd ? ExperimentSettings.ParseKernels(kd, "--kernels") : ExperimentSettings.KernelsFromEnvironment();
        if (sweep is not null)
        {
            var ci = ExperimentSettings.DefaultSeeds(RunMode.Quick).Concat(ExperimentSettings.DefaultSeeds(RunMode.Full)).ToHashSet();
            var used = settings.Seeds.Where(ci.Contains).ToArray();
            if (used.Length > 0)
                throw new ArgumentException($"--seeds must be tuning seeds, not the CI seeds ({string.Join(",", ci.Order())}): got {string.Join(",", used)}. Nothing is chosen on the seeds CI runs (docs/design-log.md).", "--seeds");
            if (shard is not null || merge) throw new ArgumentException("--sweep runs whole: it takes neither --shard nor --merge.", "--sweep");
        }
        // Where the results go is checked before any training: a run must not end with nowhere to write.
        var dir = AtomicFile.CheckWritable(settings.ResultsDirectory);
        Kit.Init(threads, kernels);
        if (shard is var (i, n))
        {
            var file = Shards.Run(design, settings, i, n, dir);
            o.WriteLine($"{design.Name}: shard {i}/{n} ({settings.ModeName} mode, seeds {string.Join(",", settings.Seeds)}) written to {file}; after every shard: --merge");
            return 0;
        }
        var plan = design.Plan(settings);
        int lanes = settings.Workers is null ? 1 : Math.Min(settings.Parallelism, plan.Count);
        o.WriteLine($"{design.Name}: mode {settings.ModeName}, seeds {string.Join(",", settings.Seeds)}, {Kit.Threads} thread(s), up to {lanes} run(s) at once");
        var clock = Stopwatch.StartNew();
        var result = merge ? Shards.Merge(design, settings, dir) : design.Run(plan);
        o.WriteLine(sweep is null ? Describe(result) : DescribeSweep(result, sweep));
        if (sweep is null && summary is not null) o.WriteLine(summary(result));
        // The report is drawn before anything is written, then the results JSON and the report are each written whole:
        // a failure leaves the previous pair as it was.
        var html = ReportPage.Html(result, figures);
        var path = ResultsJson.Write(result, design.Name, dir);
        var page = Path.ChangeExtension(path, ".html");
        AtomicFile.WriteAllText(page, html);
        if (sweep is not null)
        {
            o.WriteLine($"{design.Name}: {result.Arms.Count} candidates in {clock.Elapsed.TotalSeconds:F1} s; results in {path}, report in {page}; write the choice in docs/design-log.md before confirming it on fresh seeds");
            return 0;
        }
        o.WriteLine($"{design.Name}: {result.Claims.Count(c => c.Passed)}/{result.Claims.Count} claims passed in {clock.Elapsed.TotalSeconds:F1} s; results in {path}, report in {page}");
        return result.Passed ? 0 : 1;
    }

    /// <summary>
    /// A sweep's table as text: per candidate, each of the sweep's metrics as its mean with the 95% Student t interval
    /// over the seeds (a metric with a value that is not finite, e.g. a target never reached: its median and how many runs
    /// did not reach it), then what the sweep chooses.
    /// </summary>
    public static string DescribeSweep(ExperimentResult result, Sweep sweep)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(sweep);
        var sb = new System.Text.StringBuilder();
        foreach (var arm in result.Arms)
            sb.AppendLine($"  {arm.Name}: " + string.Join("; ", sweep.Metrics.Select(m => $"{m.Key} {Shown(arm.Values(m))}")));
        sb.AppendLine($"  chooses: {sweep.Chooses}");
        return sb.ToString().TrimEnd();

        static string Shown(IReadOnlyList<double> v)
        {
            if (v.All(double.IsFinite)) return Estimate.Mean(v).Shown;
            var sorted = v.Order().ToArray();
            return $"median {Estimate.Format(sorted[(sorted.Length - 1) / 2])}, {v.Count(x => !double.IsFinite(x))} of {v.Count} runs not finite (not reached)";
        }
    }

    /// <summary>An exception as one line: its message, and its inner one's when that says more.</summary>
    internal static string OneLine(Exception e)
    {
        var text = e.Message;
        if (e.InnerException is { } inner && !text.Contains(inner.Message, StringComparison.Ordinal)) text += $" ({inner.Message})";
        return text.Replace('\n', ' ').Replace('\r', ' ');
    }

    /// <summary>The claims table as text: each arm's means, each claim, its value, its test and its control.</summary>
    public static string Describe(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new System.Text.StringBuilder();
        foreach (var arm in result.Arms)
            sb.AppendLine($"  {arm.Name}: " + string.Join(", ", arm.MetricNames.Select(m => $"{m} {Estimate.Format(arm.Mean(m))}")));
        foreach (var c in result.Claims)
        {
            sb.AppendLine($"  {(c.Passed ? "PASS" : "FAIL")} {c.Name}: {c.Verdict.Text()} (expected {c.Expected.Text()}); {c.Metric} {c.Shown}, threshold {c.Bound}, against '{c.Baseline}'");
            sb.AppendLine($"       test: {c.Test}; {c.Effect.Method}, n = {c.Effect.N}");
            if (c.Control is { } k) sb.AppendLine($"       control {k.Compares}: {k.Shown}, {k.Verdict.Text()}{(k.Holds ? " (the test cannot tell the trick from it)" : "")}");
        }
        return sb.ToString().TrimEnd();
    }
}
