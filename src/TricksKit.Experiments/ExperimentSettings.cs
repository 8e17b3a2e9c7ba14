using TricksKit.Experiments.Execution;

namespace TricksKit.Experiments;

/// <summary>How much an experiment does: <c>quick</c> (the default, what CI runs) or <c>full</c>.</summary>
public enum RunMode
{
    /// <summary>Small data and budgets: about a minute per notebook, what CI runs.</summary>
    Quick,
    /// <summary>More data, steps and epochs per design.</summary>
    Full,
}

/// <summary>
/// What an experiment runs with, all explicit: the mode, the seeds, how many runs may train at once, where data sets
/// are looked for and where results go. The kit reads no environment variable: an edge (a notebook's parameter cell,
/// a script, the runner) builds these with <see cref="FromEnvironment"/> so CI and readers can rerun with other seeds
/// (<c>TRICKS_MODE</c>, <c>TRICKS_SEEDS</c>, ...), or sets them itself.
/// </summary>
public sealed record ExperimentSettings(RunMode Mode, IReadOnlyList<int> Seeds)
{
    private readonly int parallelism = 1;
    private readonly IReadOnlyList<int> seeds = CheckSeeds(Seeds, nameof(Seeds));

    /// <summary>The seeds, distinct whole numbers >= 0: each is one paired run of every arm (of a replicated arm, the mean of its runs: <see cref="Arm.Replicated"/>).</summary>
    public IReadOnlyList<int> Seeds { get => seeds; init => seeds = CheckSeeds(value, nameof(Seeds)); }

    /// <summary>
    /// How many arm x seed runs of a design may train at once: this process and up to Parallelism - 1 processes of
    /// <see cref="Workers"/> (<see cref="Execution.Workers"/>); 1 (the default) runs them one after another in this process.
    /// The results are the same for any value.
    /// </summary>
    public int Parallelism
    {
        get => parallelism;
        init => parallelism = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Parallelism), value, $"Parallelism must be >= 1, got {value}.");
    }

    /// <summary>The worker program that runs the other lanes (null: every run in this process, whatever the parallelism).</summary>
    public WorkerProcess? Workers { get; init; }

    private readonly TimeSpan workerSilenceLimit = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a worker may say nothing (no progress, no record) before it is killed and treated as dead (default 5
    /// minutes; a worker reports progress at least every few seconds while it trains).
    /// </summary>
    public TimeSpan WorkerSilenceLimit
    {
        get => workerSilenceLimit;
        init => workerSilenceLimit = value > TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(WorkerSilenceLimit), value, $"WorkerSilenceLimit must be > 0, got {value}.");
    }

    /// <summary>The folders searched for Fashion-MNIST, in order (default <see cref="Data.FashionMnist.DefaultSearchPath"/>).</summary>
    public IReadOnlyList<string> DataPath { get; init; } = Data.FashionMnist.DefaultSearchPath;

    /// <summary>Where the results JSON goes (default <c>results</c> under the working directory).</summary>
    public string ResultsDirectory { get; init; } = "results";

    /// <summary>
    /// The parallelism an edge should use when it is not told: <c>TRICKS_PARALLELISM</c> when set (a whole number
    /// >= 1), else one run per free core (<paramref name="freeCores"/>, default <see cref="FreeCores.Measure"/>).
    /// </summary>
    public static int DefaultParallelism(Func<string, string?>? environment = null, Func<int>? freeCores = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariable)("TRICKS_PARALLELISM");
        if (string.IsNullOrWhiteSpace(text)) return Math.Max(1, (freeCores ?? (() => FreeCores.Measure()))());
        return ParseParallelism(text, "TRICKS_PARALLELISM");
    }

    /// <summary>Parses a parallelism (a whole number >= 1); an <see cref="ArgumentException"/> names <paramref name="parameter"/> otherwise.</summary>
    public static int ParseParallelism(string text, string parameter = "parallelism") =>
        int.TryParse(text?.Trim(), out var p) && p >= 1 ? p : throw new ArgumentException($"{parameter} must be a whole number >= 1, got '{text}'.", parameter);

    /// <summary>
    /// Settings for an edge (a notebook's parameter cell, a script): <c>TRICKS_MODE</c> (quick|full) when set, else
    /// <paramref name="defaultMode"/>; <c>TRICKS_SEEDS</c> (comma-separated) when set, else <paramref name="defaultSeeds"/>
    /// (<see cref="DefaultSeeds"/> of the mode); <see cref="Parallelism"/> from <see cref="DefaultParallelism"/>; <see cref="DataPath"/> from
    /// <c>TRICKS_DATA</c> and <paramref name="repositoryRoot"/>'s <c>datasets/</c> (<see cref="Data.FashionMnist.SearchPath"/>);
    /// <see cref="ResultsDirectory"/> from <c>TRICKS_RESULTS_DIR</c>, else <c>artifacts/results</c> under
    /// <paramref name="repositoryRoot"/> (default: the working directory). <paramref name="environment"/> looks variables
    /// up (default: the process environment).
    /// </summary>
    public static ExperimentSettings FromEnvironment(string defaultMode = "quick", IReadOnlyList<int>? defaultSeeds = null,
        Func<string, string?>? environment = null, string? repositoryRoot = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        var envMode = env("TRICKS_MODE");
        var m = ParseMode(string.IsNullOrWhiteSpace(envMode) ? defaultMode : envMode, string.IsNullOrWhiteSpace(envMode) ? nameof(defaultMode) : "TRICKS_MODE");
        var envSeeds = env("TRICKS_SEEDS");
        var s = !string.IsNullOrWhiteSpace(envSeeds) ? ParseSeeds(envSeeds, "TRICKS_SEEDS") : CheckSeeds(defaultSeeds ?? DefaultSeeds(m), nameof(defaultSeeds));
        if (s.Count == 0) throw new ArgumentException("defaultSeeds must hold at least one seed.", nameof(defaultSeeds));
        var results = env("TRICKS_RESULTS_DIR");
        return new ExperimentSettings(m, s.ToArray())
        {
            Parallelism = DefaultParallelism(env),
            DataPath = Data.FashionMnist.SearchPath(env("TRICKS_DATA"), repositoryRoot),
            ResultsDirectory = !string.IsNullOrWhiteSpace(results) ? Path.GetFullPath(results)
                : Path.Combine(repositoryRoot ?? Directory.GetCurrentDirectory(), "artifacts", "results"),
        };
    }

    /// <summary>
    /// The libtorch thread count set by <c>TRICKS_THREADS</c> (a whole number >= 1), or null when unset
    /// (<see cref="ThreadPolicy.Default"/> then applies). For the edges; the kit itself reads no environment variable.
    /// </summary>
    public static int? ThreadsFromEnvironment(Func<string, string?>? environment = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariable)("TRICKS_THREADS");
        return string.IsNullOrWhiteSpace(text) ? null : ParseThreads(text, "TRICKS_THREADS");
    }

    /// <summary>
    /// The kernels' dispatch set by <c>TRICKS_KERNELS</c> (<c>pinned</c> or <c>native</c>), or null when unset
    /// (<see cref="KernelDispatch.Pinned"/> then applies). For the edges, like <see cref="ThreadsFromEnvironment"/>.
    /// </summary>
    public static KernelDispatch? KernelsFromEnvironment(Func<string, string?>? environment = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariable)("TRICKS_KERNELS");
        return string.IsNullOrWhiteSpace(text) ? null : ParseKernels(text, "TRICKS_KERNELS");
    }

    /// <summary>Parses "pinned" or "native"; an <see cref="ArgumentException"/> names <paramref name="parameter"/> otherwise.</summary>
    public static KernelDispatch ParseKernels(string text, string parameter = "kernels") => text?.Trim().ToLowerInvariant() switch
    {
        "pinned" => KernelDispatch.Pinned,
        "native" => KernelDispatch.Native,
        _ => throw new ArgumentException($"{parameter} must be 'pinned' (the same numbers on every x86-64 CPU with AVX2) or 'native' (each CPU's fastest kernels), got '{text}'.", parameter),
    };

    /// <summary>Parses a thread count (a whole number >= 1); an <see cref="ArgumentException"/> names <paramref name="parameter"/> otherwise.</summary>
    public static int ParseThreads(string text, string parameter = "threads") =>
        int.TryParse(text?.Trim(), out var t) && t >= 1 ? t : throw new ArgumentException($"{parameter} must be a whole number >= 1, got '{text}'.", parameter);

    /// <summary>Parses "quick" or "full"; an <see cref="ArgumentException"/> names <paramref name="parameter"/> otherwise.</summary>
    public static RunMode ParseMode(string text, string parameter = "mode") => text?.Trim().ToLowerInvariant() switch
    {
        "quick" => RunMode.Quick,
        "full" => RunMode.Full,
        _ => throw new ArgumentException($"{parameter} must be 'quick' or 'full', got '{text}'.", parameter),
    };

    /// <summary>Parses comma-separated distinct seeds (whole numbers >= 0), e.g. "0,1,2"; an <see cref="ArgumentException"/> names <paramref name="parameter"/> otherwise.</summary>
    public static IReadOnlyList<int> ParseSeeds(string text, string parameter = "seeds")
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new ArgumentException($"{parameter} must list at least one seed, e.g. 0,1,2.", parameter);
        var seeds = parts.Select(p => int.TryParse(p, out var v) && v >= 0 ? v
            : throw new ArgumentException($"{parameter} must be comma-separated whole numbers >= 0, got '{p}'.", parameter)).ToArray();
        return CheckSeeds(seeds, parameter);
    }

    /// <summary>The seeds, when they are whole numbers >= 0 and distinct (a seed run twice would count twice in every claim).</summary>
    private static IReadOnlyList<int> CheckSeeds(IReadOnlyList<int> seeds, string parameter)
    {
        if (seeds is null) throw new ArgumentNullException(parameter);
        if (seeds.FirstOrDefault(s => s < 0, 0) is < 0 and var negative) throw new ArgumentException($"{parameter} must be whole numbers >= 0, got {negative}.", parameter);
        var twice = seeds.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ToArray();
        if (twice.Length > 0) throw new ArgumentException($"{parameter} must be distinct, got {string.Join(",", seeds)} ({string.Join(", ", twice)} more than once).", parameter);
        return seeds;
    }

    /// <summary>
    /// The seeds a run uses when it is not told (what CI runs): 20-24 in quick mode, 20-29 in full mode. They are
    /// disjoint from every seed set used to choose a threshold or a budget (3-11 before, 100 and up now:
    /// docs/design-log.md), so nothing is ever chosen on them.
    /// </summary>
    public static IReadOnlyList<int> DefaultSeeds(RunMode mode) => Enumerable.Range(20, mode == RunMode.Quick ? 5 : 10).ToArray();

    /// <summary>Picks the quick or full value.</summary>
    public T Pick<T>(T quick, T full) => Mode == RunMode.Quick ? quick : full;

    /// <summary>"quick" or "full".</summary>
    public string ModeName => Mode == RunMode.Quick ? "quick" : "full";
}
