using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace TricksKit.Experiments.Execution;

/// <summary>
/// The runs of an experiment, numbered once for every way of executing them: run <c>r</c> is arm <c>r mod A</c> with
/// seed <c>r div A</c> (A arms; for each seed, every arm in turn, so arms of one seed are compared like for like). In
/// process (<see cref="RunInProcess"/>), in worker lanes (<see cref="Workers"/>) or in shards
/// (<see cref="Shards"/>), the records come back to <see cref="Assemble"/>, which builds the same result whichever way
/// they ran.
/// </summary>
public sealed class RunPlan
{
    /// <summary>The plan of <paramref name="arms"/> (the first is the baseline) over the seeds of <paramref name="settings"/>.</summary>
    public RunPlan(string trick, IReadOnlyList<Arm> arms, ExperimentSettings settings)
    {
        if (string.IsNullOrWhiteSpace(trick)) throw new ArgumentException("trick must name the experiment, e.g. \"focal-loss\".", nameof(trick));
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(settings);
        if (arms.Count == 0) throw new ArgumentException("arms must hold at least the baseline.", nameof(arms));
        if (arms.Select(a => a.Name).Distinct().Count() != arms.Count)
            throw new ArgumentException($"arms must have distinct names, got {string.Join(", ", arms.Select(a => a.Name))}.", nameof(arms));
        if (settings.Seeds.Count == 0) throw new ArgumentException("settings must hold at least one seed.", nameof(settings));
        Trick = trick; Arms = arms; Settings = settings;
    }

    /// <summary>The experiment's name in the results ("focal-loss").</summary>
    public string Trick { get; }
    /// <summary>The arms, baseline first.</summary>
    public IReadOnlyList<Arm> Arms { get; }
    /// <summary>The mode and seeds.</summary>
    public ExperimentSettings Settings { get; }

    /// <summary>How many runs: arms x seeds.</summary>
    public int Count => Arms.Count * Settings.Seeds.Count;

    /// <summary>The arm of run <paramref name="run"/>.</summary>
    public Arm ArmOf(int run) => Arms[Checked(run) % Arms.Count];

    /// <summary>The seed of run <paramref name="run"/>.</summary>
    public int SeedOf(int run) => Settings.Seeds[Checked(run) / Arms.Count];

    /// <summary>The runs of shard <paramref name="shard"/> of <paramref name="of"/>: every <paramref name="of"/>-th from the (shard - 1)-th.</summary>
    public IEnumerable<int> Shard(int shard, int of)
    {
        if (of < 1) throw new ArgumentOutOfRangeException(nameof(of), of, $"of must be >= 1, got {of}.");
        if (shard < 1 || shard > of) throw new ArgumentOutOfRangeException(nameof(shard), shard, $"shard must be in [1, {of}], got {shard}.");
        for (int run = shard - 1; run < Count; run += of) yield return run;
    }

    /// <summary>Run <paramref name="run"/>'s progress, at <paramref name="step"/> (null: the run starts).</summary>
    public ExperimentProgress Progress(int run, TrainingProgress? step) => new(ArmOf(run).Name, SeedOf(run), run + 1, Count, step);

    /// <summary>Run <paramref name="run"/>'s training progress reported as the experiment's (null without a sink).</summary>
    public IProgress<TrainingProgress>? Relay(int run, IProgress<ExperimentProgress>? progress) =>
        progress is null ? null : new Relay<TrainingProgress>(p => progress.Report(Progress(run, p)));

    /// <summary>Runs run <paramref name="run"/> in this process: its arm with its seed, stamped with the arm's name, the seed and its seconds.</summary>
    public RunRecord Run(int run, IProgress<TrainingProgress>? progress)
    {
        var arm = ArmOf(run);
        int seed = SeedOf(run);
        var clock = Stopwatch.StartNew();
        var record = arm.Run(RunSeed.Of(seed), progress) ?? throw new InvalidOperationException($"arm '{arm.Name}' returned no record for seed {seed}.");
        return record with { Arm = arm.Name, Seed = seed, Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>Every run, one after another, in this process; the result without claims.</summary>
    public ExperimentResult RunInProcess(IProgress<ExperimentProgress>? progress = null)
    {
        Kit.Init();
        var clock = Stopwatch.StartNew();
        var records = new RunRecord[Count];
        for (int run = 0; run < Count; run++)
        {
            progress?.Report(Progress(run, null));
            records[run] = Run(run, Relay(run, progress));
        }
        return Assemble(records, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// The result of the records, indexed by run (each present once), without claims; a missing one is an
    /// <see cref="InvalidOperationException"/>: "runs 1,3 " then <paramref name="missing"/> (where they were looked for
    /// and what to do).
    /// </summary>
    public ExperimentResult Assemble(IReadOnlyList<RunRecord?> records, double seconds, string missing = "returned no record")
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count != Count) throw new ArgumentException($"records must hold one entry per run ({Count}), got {records.Count}.", nameof(records));
        var absent = Enumerable.Range(0, Count).Where(r => records[r] is null).ToArray();
        if (absent.Length > 0) throw new InvalidOperationException($"'{Trick}': runs {string.Join(",", absent)} {missing}.");
        var arms = Arms.Select((arm, a) => new ArmResult(arm.Name, a == 0, Settings.Seeds.Select((_, s) => records[s * Arms.Count + a]!).ToArray()) { Replicates = arm.Replicates }).ToArray();
        return new ExperimentResult(Trick, Settings.ModeName, Settings.Seeds.ToArray(), seconds, arms, Array.Empty<Claim>(), Environment());
    }

    /// <summary>
    /// What the results JSON records about how it ran: what changes its numbers (TorchSharp's version, the thread
    /// count). The machine, its CPU and the kernels are in the file beside it (<see cref="KernelsJson"/>), so that the
    /// results JSON is the same bytes on every machine that pins the kernels.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
    {
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?",
        ["threads"] = Kit.Threads.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The machine as the file beside the results JSON names it: the OS, the cores, .NET's version.</summary>
    public static string Machine() => $"{RuntimeInformation.OSDescription}, {System.Environment.ProcessorCount} cores, .NET {System.Environment.Version}";

    private int Checked(int run) => run >= 0 && run < Count ? run
        : throw new ArgumentOutOfRangeException(nameof(run), run, $"run must be in [0, {Count - 1}] (arms x seeds), got {run}.");
}

/// <summary>A synchronous <see cref="IProgress{T}"/> (Progress&lt;T&gt; posts to a context, which would reorder reports).</summary>
internal sealed class Relay<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
