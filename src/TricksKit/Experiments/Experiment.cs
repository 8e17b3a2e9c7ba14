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
        int total = arms.Count * settings.Seeds.Count, index = 0;
        foreach (var seed in settings.Seeds)
            for (int a = 0; a < arms.Count; a++)
            {
                index++;
                var arm = arms[a];
                int runIndex = index;
                progress?.Report(new ExperimentProgress(arm.Name, seed, runIndex, total, null));
                var inner = progress is null ? null
                    : new Relay<TrainingProgress>(p => progress.Report(new ExperimentProgress(arm.Name, seed, runIndex, total, p)));
                var runClock = Stopwatch.StartNew();
                var record = arm.Run(RunSeed.Of(seed), inner) ?? throw new InvalidOperationException($"arm '{arm.Name}' returned no record for seed {seed}.");
                runs[a].Add(record with { Arm = arm.Name, Seed = seed, Seconds = runClock.Elapsed.TotalSeconds });
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

    /// <summary>A synchronous <see cref="IProgress{T}"/> (Progress&lt;T&gt; posts to a context, which would reorder reports).</summary>
    private sealed class Relay<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
