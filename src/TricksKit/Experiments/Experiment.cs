using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TricksKit;

/// <summary>Progress of an experiment: which run (arm, seed) and, inside it, the training step.</summary>
public sealed record ExperimentProgress(string Arm, int Seed, int Run, int TotalRuns, TrainingProgress? Step);

/// <summary>Runs arms x seeds. For each seed, every arm runs in turn, so arms of one seed are compared like for like.</summary>
public static class Experiment
{
    /// <summary>
    /// Runs every arm (the first is the baseline) with every seed of <paramref name="settings"/> and collects the
    /// records. Progress goes to <paramref name="progress"/> (the formatters show it live).
    /// </summary>
    public static ExperimentResult Run(string trick, IReadOnlyList<Arm> arms, ExperimentSettings settings,
        IProgress<ExperimentProgress>? progress = null)
    {
        if (string.IsNullOrWhiteSpace(trick)) throw new ArgumentException("trick must name the experiment, e.g. \"focal-loss\".", nameof(trick));
        ArgumentNullException.ThrowIfNull(arms);
        ArgumentNullException.ThrowIfNull(settings);
        if (arms.Count == 0) throw new ArgumentException("arms must hold at least the baseline.", nameof(arms));
        if (arms.Select(a => a.Name).Distinct().Count() != arms.Count)
            throw new ArgumentException($"arms must have distinct names, got {string.Join(", ", arms.Select(a => a.Name))}.", nameof(arms));
        if (settings.Seeds.Count == 0) throw new ArgumentException("settings must hold at least one seed.", nameof(settings));
        Kit.Init();
        var clock = Stopwatch.StartNew();
        var runs = arms.Select(_ => new List<RunRecord>()).ToArray();
        int total = arms.Count * settings.Seeds.Count;
        for (int run = 0; run < total; run++)
        {
            progress?.Report(new ExperimentProgress(arms[run % arms.Count].Name, settings.Seeds[run / arms.Count], run + 1, total, null));
            runs[run % arms.Count].Add(RunOne(arms, settings.Seeds, run, Relay(progress, arms, settings.Seeds, run)));
        }
        var armResults = arms.Select((arm, i) => new ArmResult(arm.Name, i == 0, runs[i])).ToArray();
        return new ExperimentResult(trick, settings.ModeName, settings.Seeds.ToArray(), clock.Elapsed.TotalSeconds, armResults,
            Array.Empty<Claim>(), EnvironmentInfo());
    }

    /// <summary>What the results JSON records about where it ran.</summary>
    public static IReadOnlyDictionary<string, string> EnvironmentInfo() => new Dictionary<string, string>
    {
        ["torchsharp"] = typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString(3) ?? "?",
        ["threads"] = Kit.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["machine"] = $"{RuntimeInformation.OSDescription}, {System.Environment.ProcessorCount} cores, .NET {System.Environment.Version}",
    };

    /// <summary>
    /// Run number <paramref name="run"/> of arms x seeds (seed index x arms + arm index; the order every runner, worker
    /// and shard shares): the arm run with its seed, stamped with the arm's name, the seed and its seconds.
    /// </summary>
    internal static RunRecord RunOne(IReadOnlyList<Arm> arms, IReadOnlyList<int> seeds, int run, IProgress<TrainingProgress>? progress)
    {
        var arm = arms[run % arms.Count];
        int seed = seeds[run / arms.Count];
        var clock = Stopwatch.StartNew();
        var record = arm.Run(RunSeed.Of(seed), progress) ?? throw new InvalidOperationException($"arm '{arm.Name}' returned no record for seed {seed}.");
        return record with { Arm = arm.Name, Seed = seed, Seconds = clock.Elapsed.TotalSeconds };
    }

    /// <summary>Run <paramref name="run"/>'s training progress reported as the experiment's (null without a sink).</summary>
    internal static IProgress<TrainingProgress>? Relay(IProgress<ExperimentProgress>? progress, IReadOnlyList<Arm> arms, IReadOnlyList<int> seeds, int run) =>
        progress is null ? null
            : new Relay<TrainingProgress>(p => progress.Report(new ExperimentProgress(arms[run % arms.Count].Name, seeds[run / arms.Count], run + 1, arms.Count * seeds.Count, p)));
}

/// <summary>A synchronous <see cref="IProgress{T}"/> (Progress&lt;T&gt; posts to a context, which would reorder reports).</summary>
internal sealed class Relay<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
