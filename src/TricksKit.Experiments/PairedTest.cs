using TricksKit.Experiments.Statistics;

namespace TricksKit.Experiments;

/// <summary>How a paired claim measures an effect per seed: a difference (<see cref="Gain"/>) or a ratio (<see cref="Ratio"/>).</summary>
public enum Effect
{
    /// <summary>Per seed, arm - baseline, oriented so that positive is better; the mean with a Student t interval (no effect: 0).</summary>
    Gain,
    /// <summary>Per seed, arm / baseline; the geometric mean with a Student t interval on the logarithms (no effect: 1).</summary>
    Ratio,
}

/// <summary>What a <see cref="PairedTest"/> found on two arms: the effect with its interval, and the verdict.</summary>
public sealed record PairedOutcome(Estimate Effect, Verdict Verdict);

/// <summary>
/// A test of an effect on paired runs (same seed: same training sample, data order and initial weights where the
/// architectures allow): the per-seed effect (<see cref="Effect"/>) with its 95% interval, judged against
/// <see cref="Threshold"/> by <see cref="Verdicts.Judge"/>.
/// </summary>
public sealed record PairedTest(Metric Metric, Effect Effect, double Threshold)
{
    /// <summary>"&gt;=" or "&lt;=": a gain, or a ratio of a higher-is-better metric, must reach the threshold from below.</summary>
    public string Comparison => Higher ? ">=" : "<=";

    private bool Higher => Effect == Effect.Gain || Metric.HigherIsBetter;

    /// <summary>The effect that means none: 0 for a gain, 1 for a ratio.</summary>
    public double NoEffect => Effect == Effect.Gain ? 0 : 1;

    /// <summary>The test on the values of an arm and a baseline, seed by seed.</summary>
    public PairedOutcome On(IReadOnlyList<double> arm, IReadOnlyList<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(baseline);
        if (arm.Count != baseline.Count || arm.Count == 0)
            throw new ArgumentException($"arm and baseline must have one value per seed, got {arm.Count} and {baseline.Count}.", nameof(arm));
        var effect = Effect == Effect.Gain
            ? Estimate.Mean(arm.Zip(baseline, Metric.Gain).ToArray())
            : Estimate.GeometricMean(arm.Zip(baseline, (a, b) => a / b).ToArray());
        return new PairedOutcome(effect, Verdicts.Judge(effect, Threshold, Higher, NoEffect));
    }

    /// <summary>The test in words.</summary>
    public string Describe() => Effect == Effect.Gain
        ? $"mean paired gain in {Metric.Label} {Comparison} {Estimate.Format(Threshold)}, 95% interval excluding 0"
        : $"{Metric.Label}, geometric mean of arm / baseline {Comparison} {Estimate.Format(Threshold)}, 95% interval excluding 1";
}
