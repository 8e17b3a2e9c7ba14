namespace TricksKit.Experiments;

/// <summary>
/// The claim tests the designs use, each evaluated on an <see cref="ExperimentResult"/> and each with a control
/// computed from real runs: a paired effect against an A/A noise floor or a negative control, a level reached with the
/// trick and not without it, and a censored "steps to a target" ratio.
/// </summary>
public sealed partial record Claim
{
    /// <summary>
    /// <paramref name="arm"/> against <paramref name="baseline"/> by <paramref name="test"/>; the control is the same test
    /// on <paramref name="noiseArm"/> (the baseline with another initialisation) against the baseline, in either
    /// direction: it holds when noise alone would pass.
    /// </summary>
    public static Claim Paired(ExperimentResult result, string name, PairedTest test, string arm, string baseline, string noiseArm)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(test);
        var ab = On(result, test, noiseArm, baseline);
        var ba = On(result, test, baseline, noiseArm);
        return PairedClaim(result, name, test, arm, baseline,
            new Control($"'{noiseArm}' vs '{baseline}' (A/A noise floor, either way)", ab.Value, ab.Passes || ba.Passes));
    }

    /// <summary>
    /// <paramref name="arm"/> against <paramref name="baseline"/> by <paramref name="test"/>; the control is the same test
    /// on a pair where the paper predicts no effect (<paramref name="controlArm"/> vs <paramref name="controlBaseline"/>):
    /// it holds when the effect shows there too.
    /// </summary>
    public static Claim Paired(ExperimentResult result, string name, PairedTest test, string arm, string baseline,
        string controlArm, string controlBaseline, string why)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(test);
        var c = On(result, test, controlArm, controlBaseline);
        return PairedClaim(result, name, test, arm, baseline, new Control($"'{controlArm}' vs '{controlBaseline}' ({why})", c.Value, c.Passes));
    }

    /// <summary><paramref name="test"/> on two arms of <paramref name="result"/>, seed by seed.</summary>
    private static PairedOutcome On(ExperimentResult result, PairedTest test, string arm, string baseline) =>
        test.On(result[arm].Values(test.Metric), result[baseline].Values(test.Metric));

    /// <summary>The claim that <paramref name="arm"/> beats <paramref name="baseline"/> by <paramref name="test"/>, with its control.</summary>
    private static Claim PairedClaim(ExperimentResult result, string name, PairedTest test, string arm, string baseline, Control control)
    {
        var o = On(result, test, arm, baseline);
        return new Claim(name, test.Metric.Key, o.Value, test.Threshold, test.Comparison, o.Passes, control,
            $"'{arm}' vs '{baseline}': {test.Describe(o.Seeds)} (better on {o.Better})");
    }

    /// <summary>
    /// The mean over seeds of <paramref name="metric"/> for <paramref name="arm"/> lies in [<paramref name="low"/>,
    /// <paramref name="high"/>]; the control is the same test on <paramref name="controlArm"/> (the run without the
    /// trick): it holds when the level is reached without the trick too.
    /// </summary>
    public static Claim Within(ExperimentResult result, string name, Metric metric, string arm, double low, double high, string controlArm)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metric);
        if (!(low <= high)) throw new ArgumentException($"low must be <= high, got {low} and {high}.", nameof(low));
        double a = result[arm].Mean(metric), c = result[controlArm].Mean(metric);
        bool In(double v) => v >= low && v <= high;
        var (threshold, comparison, test) = double.IsPositiveInfinity(high) ? (low, ">=", $"mean over seeds >= {Claim.Format(low)}")
            : double.IsNegativeInfinity(low) ? (high, "<=", $"mean over seeds <= {Claim.Format(high)}")
            : (high, $"in [{Claim.Format(low)}, {Claim.Format(high)}]", $"mean over seeds in [{Claim.Format(low)}, {Claim.Format(high)}]");
        var control = new Control($"'{controlArm}' (without the trick)", c, In(c));
        return new Claim(name, metric.Key, a, threshold, comparison, In(a), control, $"'{arm}': {metric.Label}, {test}");
    }

    /// <summary>
    /// Steps to a target, censored: <paramref name="slowArm"/> needs at least <paramref name="factor"/> times the steps
    /// of <paramref name="fastArm"/> on at least <see cref="PairedTest.MinBetter"/> of the seeds. A run that never
    /// reached the target counts as "&gt; budget" (so a ratio against it is a lower bound), never as a number; a
    /// censored fast run fails its seed. The observed value is the median per-seed ratio. The control is the same test
    /// on <paramref name="noiseArm"/> (the fast arm with another initialisation) against the fast arm, either way.
    /// </summary>
    public static Claim StepsRatio(ExperimentResult result, string name, Metric steps, string slowArm, string fastArm, int budget,
        double factor, string noiseArm)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(steps);
        if (budget < 1) throw new ArgumentOutOfRangeException(nameof(budget), budget, "budget must be >= 1.");
        var (value, text, passes) = Ratio(result[slowArm].Values(steps), result[fastArm].Values(steps), budget, factor);
        var (av, at, ap) = Ratio(result[noiseArm].Values(steps), result[fastArm].Values(steps), budget, factor);
        var (_, _, bp) = Ratio(result[fastArm].Values(steps), result[noiseArm].Values(steps), budget, factor);
        int n = result.Seeds.Count;
        var control = new Control($"'{noiseArm}' vs '{fastArm}' (A/A noise floor, either way)", av, ap || bp, at);
        return new Claim(name, steps.Key, value, factor, ">=", passes, control,
            $"'{slowArm}' needs >= {Claim.Format(factor)}x the steps of '{fastArm}' on >= {PairedTest.MinBetter(n)} of {n} seeds " +
            $"(median ratio shown; a run that never reached the target counts as > {budget} steps)", text);
    }

    /// <summary>Per seed, slow / fast with a censored slow run as a lower bound; the median, its text, and the sign count.</summary>
    private static (double Value, string Text, bool Passes) Ratio(IReadOnlyList<double> slow, IReadOnlyList<double> fast, int budget, double factor)
    {
        var per = slow.Zip(fast, (s, f) =>
            !double.IsFinite(f) ? (Ratio: 0.0, Censored: false)
            : double.IsFinite(s) ? (Ratio: s / f, Censored: false)
            : (Ratio: budget / f, Censored: true)).OrderBy(p => p.Ratio).ToArray();
        var median = per[(per.Length - 1) / 2];
        int reached = per.Count(p => p.Ratio >= factor);
        var text = (median.Censored ? "> " : "") + Claim.Format(median.Ratio);
        return (median.Ratio, text, reached >= PairedTest.MinBetter(per.Length));
    }
}
