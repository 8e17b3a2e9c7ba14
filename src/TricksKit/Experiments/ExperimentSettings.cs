namespace TricksKit;

/// <summary>How much an experiment does: <c>quick</c> (the default, what CI runs) or <c>full</c>.</summary>
public enum RunMode
{
    /// <summary>Small data and budgets: about a minute per notebook, what CI runs.</summary>
    Quick,
    /// <summary>More data, steps and epochs per design.</summary>
    Full,
}

/// <summary>
/// The parameters a notebook sets near its top, overridden by the environment: <c>TRICKS_MODE</c> (quick|full) and
/// <c>TRICKS_SEEDS</c> (comma-separated integers), so CI and any reader can rerun with other seeds; and how many runs
/// may train at once (<see cref="Parallelism"/>, <c>TRICKS_PARALLELISM</c>), which changes the time, not the numbers.
/// </summary>
public sealed record ExperimentSettings(RunMode Mode, IReadOnlyList<int> Seeds)
{
    private readonly int parallelism = 1;

    /// <summary>
    /// How many arm x seed runs of a design may train at once, each in its own worker process (<see cref="ExperimentWorker"/>):
    /// 1 (the default) runs them one after another in this process. The results are the same for any value.
    /// </summary>
    public int Parallelism
    {
        get => parallelism;
        init => parallelism = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Parallelism), value, $"Parallelism must be >= 1, got {value}.");
    }

    /// <summary>
    /// The parallelism an edge should use when it is not told: <c>TRICKS_PARALLELISM</c> when set (a whole number
    /// >= 1), else one run per core (the experiment runs alone).
    /// </summary>
    public static int DefaultParallelism(Func<string, string?>? environment = null)
    {
        var text = (environment ?? Environment.GetEnvironmentVariable)("TRICKS_PARALLELISM");
        if (string.IsNullOrWhiteSpace(text)) return Environment.ProcessorCount;
        return int.TryParse(text, out var p) && p >= 1 ? p : throw new ArgumentException($"TRICKS_PARALLELISM must be a whole number >= 1, got '{text}'.", "TRICKS_PARALLELISM");
    }

    /// <summary>
    /// Settings for an edge that reads the environment (a notebook's parameter cell, a script): <paramref name="mode"/>
    /// and <paramref name="seeds"/> are the defaults, each replaced by its variable when set. <paramref name="environment"/>
    /// looks variables up (default: the process environment). The kit itself takes settings as given.
    /// </summary>
    public static ExperimentSettings Resolve(string mode = "quick", IReadOnlyList<int>? seeds = null, Func<string, string?>? environment = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariable;
        var envMode = env("TRICKS_MODE");
        var m = ParseMode(string.IsNullOrWhiteSpace(envMode) ? mode : envMode, string.IsNullOrWhiteSpace(envMode) ? nameof(mode) : "TRICKS_MODE");
        var envSeeds = env("TRICKS_SEEDS");
        var s = !string.IsNullOrWhiteSpace(envSeeds) ? ParseSeeds(envSeeds, "TRICKS_SEEDS") : seeds ?? new[] { 0, 1, 2 };
        if (s.Count == 0) throw new ArgumentException("seeds must hold at least one seed.", nameof(seeds));
        if (s.Distinct().Count() != s.Count) throw new ArgumentException($"seeds must be distinct, got {string.Join(",", s)}.", nameof(seeds));
        return new ExperimentSettings(m, s.ToArray()) { Parallelism = DefaultParallelism(env) };
    }

    /// <summary>Parses "quick" or "full"; an <see cref="ArgumentException"/> names <paramref name="parameter"/> otherwise.</summary>
    public static RunMode ParseMode(string text, string parameter = "mode") => text?.Trim().ToLowerInvariant() switch
    {
        "quick" => RunMode.Quick,
        "full" => RunMode.Full,
        _ => throw new ArgumentException($"{parameter} must be 'quick' or 'full', got '{text}'.", parameter),
    };

    /// <summary>Parses comma-separated seeds (whole numbers >= 0), e.g. "0,1,2".</summary>
    public static IReadOnlyList<int> ParseSeeds(string text, string parameter = "seeds")
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new ArgumentException($"{parameter} must list at least one seed, e.g. 0,1,2.", parameter);
        return parts.Select(p => int.TryParse(p, out var v) && v >= 0 ? v
            : throw new ArgumentException($"{parameter} must be comma-separated whole numbers >= 0, got '{p}'.", parameter)).ToArray();
    }

    /// <summary>Picks the quick or full value.</summary>
    public T Pick<T>(T quick, T full) => Mode == RunMode.Quick ? quick : full;

    /// <summary>"quick" or "full".</summary>
    public string ModeName => Mode == RunMode.Quick ? "quick" : "full";
}
