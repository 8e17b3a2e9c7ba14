namespace TricksKit.Experiments;

/// <summary>How a paired claim measures an effect: a difference (<see cref="Gain"/>) or a ratio of means (<see cref="Ratio"/>).</summary>
public enum Effect
{
    /// <summary>The mean over seeds of the per-seed gain (arm - baseline, oriented so that positive is better).</summary>
    Gain,
    /// <summary>The arm's mean over the baseline's mean.</summary>
    Ratio,
}

/// <summary>What a <see cref="PairedTest"/> found on two arms.</summary>
public sealed record PairedOutcome(double Value, int Better, int Seeds, bool Passes);

/// <summary>
/// A test of an effect on paired runs (same seed, same data order, same initial weights where the architectures
/// allow): the effect (<see cref="Effect"/>) must reach <see cref="Threshold"/> and the arm must be better than the
/// baseline on at least <see cref="MinBetter"/> of the n seeds (a sign count: 2 of 3, 4 of 5).
/// </summary>
public sealed record PairedTest(Metric Metric, Effect Effect, double Threshold)
{
    /// <summary>The fewest seeds out of <paramref name="seeds"/> on which the arm must be better: ceil(2n / 3).</summary>
    public static int MinBetter(int seeds) => (2 * seeds + 2) / 3;

    /// <summary>"&gt;=" or "&lt;=": a gain, or a ratio of a higher-is-better metric, must reach the threshold from below.</summary>
    public string Comparison => Effect == Effect.Gain || Metric.HigherIsBetter ? ">=" : "<=";

    /// <summary>The test on the values of an arm and a baseline, seed by seed.</summary>
    public PairedOutcome On(IReadOnlyList<double> arm, IReadOnlyList<double> baseline)
    {
        ArgumentNullException.ThrowIfNull(arm);
        ArgumentNullException.ThrowIfNull(baseline);
        if (arm.Count != baseline.Count || arm.Count == 0)
            throw new ArgumentException($"arm and baseline must have one value per seed, got {arm.Count} and {baseline.Count}.", nameof(arm));
        int n = arm.Count, better = 0;
        double gain = 0;
        for (int i = 0; i < n; i++)
        {
            double g = Metric.Gain(arm[i], baseline[i]);
            if (g > 0) better++;
            gain += g;
        }
        double value = Effect == Effect.Gain ? gain / n : arm.Average() / baseline.Average();
        bool reaches = Comparison == ">=" ? value >= Threshold : value <= Threshold;
        return new PairedOutcome(value, better, n, reaches && better >= MinBetter(n) && double.IsFinite(value));
    }

    /// <summary>The test in words, for n seeds.</summary>
    public string Describe(int seeds) => Effect == Effect.Gain
        ? $"mean paired gain in {Metric.Label} {Comparison} {Claim.Format(Threshold)}, better on >= {MinBetter(seeds)} of {seeds} seeds"
        : $"{Metric.Label}: arm mean / baseline mean {Comparison} {Claim.Format(Threshold)}, better on >= {MinBetter(seeds)} of {seeds} seeds";
}
