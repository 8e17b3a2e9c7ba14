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
    private readonly Metric? baselineMetric;

    /// <summary>
    /// The baseline's metric when it is not <see cref="Metric"/>: the arm's <see cref="Metric"/> is set against the
    /// baseline's <see cref="BaselineMetric"/> (e.g. a trick's raw calibration error against the plain net's after
    /// temperature scaling); both must agree on which direction is better. Null: the same metric.
    /// </summary>
    public Metric? BaselineMetric
    {
        get => baselineMetric;
        init => baselineMetric = value is null || value.HigherIsBetter == Metric.HigherIsBetter ? value
            : throw new ArgumentException($"BaselineMetric must agree with Metric on which direction is better ('{value.Key}' and '{Metric.Key}' do not).", nameof(BaselineMetric));
    }

    /// <summary>The metric read on the baseline: <see cref="BaselineMetric"/>, else <see cref="Metric"/>.</summary>
    public Metric Against => BaselineMetric ?? Metric;

    /// <summary>This test on the baseline's metric alone (arm and baseline both read <see cref="Against"/>): the test an A/A pair of the baseline gets.</summary>
    public PairedTest OnBaselineMetric => this with { Metric = Against, BaselineMetric = null };

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
    public string Describe()
    {
        var what = BaselineMetric is null ? Metric.Label : $"{Metric.Label} against the baseline's {BaselineMetric.Label}";
        return Effect == Effect.Gain
            ? $"mean paired gain in {what} {Comparison} {Estimate.Format(Threshold)}, 95% interval excluding 0"
            : $"{what}, geometric mean of arm / baseline {Comparison} {Estimate.Format(Threshold)}, 95% interval excluding 1";
    }
}
