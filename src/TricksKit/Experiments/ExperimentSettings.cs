namespace TricksKit;

/// <summary>How much an experiment does: <c>quick</c> (the default, what CI runs) or <c>full</c>.</summary>
public enum RunMode { Quick, Full }

/// <summary>
/// The parameters a notebook sets near its top, overridden by the environment: <c>TRICKS_MODE</c> (quick|full) and
/// <c>TRICKS_SEEDS</c> (comma-separated integers), so CI and any reader can rerun with other seeds.
/// </summary>
public sealed record ExperimentSettings(RunMode Mode, IReadOnlyList<int> Seeds)
{
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
        return new ExperimentSettings(m, s.ToArray());
    }

    public static RunMode ParseMode(string text, string parameter = "mode") => text?.Trim().ToLowerInvariant() switch
    {
        "quick" => RunMode.Quick,
        "full" => RunMode.Full,
        _ => throw new ArgumentException($"{parameter} must be 'quick' or 'full', got '{text}'.", parameter),
    };

    public static IReadOnlyList<int> ParseSeeds(string text, string parameter = "seeds")
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0) throw new ArgumentException($"{parameter} must list at least one seed, e.g. 0,1,2.", parameter);
        return parts.Select(p => int.TryParse(p, out var v) && v >= 0 ? v
            : throw new ArgumentException($"{parameter} must be comma-separated whole numbers >= 0, got '{p}'.", parameter)).ToArray();
    }

    /// <summary>Picks the quick or full value.</summary>
    public T Pick<T>(T quick, T full) => Mode == RunMode.Quick ? quick : full;

    public string ModeName => Mode == RunMode.Quick ? "quick" : "full";
}
