using TricksKit.Experiments.Statistics;

namespace TricksKit.Experiments;

/// <summary>
/// The claim tests the designs use, each evaluated on an <see cref="ExperimentResult"/>, each estimating its effect
/// with a 95% interval and each with a control computed from real runs and judged the same way: a paired effect
/// against an A/A noise floor or a negative control, a level reached with the trick and not without it, and a
/// censored "steps to a target" ratio. <c>expected</c> is the verdict the design declared before the confirming run.
/// </summary>
public sealed partial record Claim
{
    /// <summary>
    /// <paramref name="arm"/> against <paramref name="baseline"/> by <paramref name="test"/>; the control is the same test
    /// on <paramref name="noiseArm"/> (the baseline with another initialisation) against the baseline, on the baseline's metric, in either
    /// direction: it holds when either comes out reproduced.
    /// </summary>
    public static Claim Paired(ExperimentResult result, string name, Verdict expected, PairedTest test, string arm, string baseline, string noiseArm)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(test);
        var aa = test.OnBaselineMetric;   // the A/A pair is the baseline against itself, on the baseline's metric
        var ab = On(result, aa, noiseArm, baseline);
        var ba = On(result, aa, baseline, noiseArm);
        var shown = ba.Verdict == Verdict.Reproduced && ab.Verdict != Verdict.Reproduced ? ba : ab;
        return PairedClaim(result, name, expected, test, arm, baseline,
            new Control($"'{noiseArm}' vs '{baseline}' (A/A noise floor, either way)", shown.Effect, shown.Verdict));
    }

    /// <summary>
    /// <paramref name="arm"/> against <paramref name="baseline"/> by <paramref name="test"/>; the control is the same test
    /// on a pair where the paper predicts no effect (<paramref name="controlArm"/> vs <paramref name="controlBaseline"/>):
    /// it holds when the effect comes out reproduced there too.
    /// </summary>
    public static Claim Paired(ExperimentResult result, string name, Verdict expected, PairedTest test, string arm, string baseline,
        string controlArm, string controlBaseline, string why)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(test);
        var c = On(result, test, controlArm, controlBaseline);
        return PairedClaim(result, name, expected, test, arm, baseline, new Control($"'{controlArm}' vs '{controlBaseline}' ({why})", c.Effect, c.Verdict));
    }

    /// <summary><paramref name="test"/> on two arms of <paramref name="result"/>, seed by seed.</summary>
    private static PairedOutcome On(ExperimentResult result, PairedTest test, string arm, string baseline) =>
        test.On(result[arm].Values(test.Metric), result[baseline].Values(test.Against));

    /// <summary>The claim that <paramref name="arm"/> beats <paramref name="baseline"/> by <paramref name="test"/>, with its control.</summary>
    private static Claim PairedClaim(ExperimentResult result, string name, Verdict expected, PairedTest test, string arm, string baseline, Control control)
    {
        var o = On(result, test, arm, baseline);
        return new Claim(name, test.Metric.Key, o.Effect, test.Threshold, test.Comparison, o.Verdict, Verdicts.Expectable(expected), control,
            $"'{arm}' vs '{baseline}': {test.Describe()}", baseline);
    }

    /// <summary>
    /// The mean over seeds of <paramref name="metric"/> for <paramref name="arm"/> lies in [<paramref name="low"/>,
    /// <paramref name="high"/>] (one end may be infinite), judged on its Student t interval: reproduced when the whole
    /// interval lies in the range. The control is the same test on <paramref name="controlArm"/> (the run without the
    /// trick): it holds when the level is reproduced without the trick too. When the metric is itself an effect
    /// measured within each run (e.g. an ensemble's gain over its last member), pass <paramref name="noEffect"/> (0)
    /// and a one-sided range: it is then judged as an effect, reproduced when the interval excludes
    /// <paramref name="noEffect"/> and the estimate reaches the bound.
    /// </summary>
    public static Claim Within(ExperimentResult result, string name, Verdict expected, Metric metric, string arm, double low, double high, string controlArm,
        double? noEffect = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metric);
        if (!(low <= high)) throw new ArgumentException($"low must be <= high, got {low} and {high}.", nameof(low));
        var a = Estimate.Mean(result[arm].Values(metric));
        var c = Estimate.Mean(result[controlArm].Values(metric));
        var (threshold, comparison, test) = double.IsPositiveInfinity(high) ? (low, ">=", $"mean over seeds >= {Estimate.Format(low)}, the whole 95% interval above it")
            : double.IsNegativeInfinity(low) ? (high, "<=", $"mean over seeds <= {Estimate.Format(high)}, the whole 95% interval below it")
            : (high, $"in [{Estimate.Format(low)}, {Estimate.Format(high)}]", $"the whole 95% interval of the mean over seeds in [{Estimate.Format(low)}, {Estimate.Format(high)}]");
        if (noEffect is double none)
        {
            if (double.IsFinite(low) == double.IsFinite(high))
                throw new ArgumentException($"noEffect needs a one-sided range (low or high infinite), got [{low}, {high}].", nameof(noEffect));
            test = $"mean over seeds {comparison} {Estimate.Format(threshold)}, 95% interval excluding {Estimate.Format(none)}";
        }
        Verdict Judge(Estimate e) => noEffect is double z ? Verdicts.Judge(e, threshold, higher: double.IsPositiveInfinity(high), noEffect: z) : Verdicts.JudgeRange(e, low, high);
        var control = new Control($"'{controlArm}' (without the trick)", c, Judge(c));
        return new Claim(name, metric.Key, a, threshold, comparison, Judge(a), Verdicts.Expectable(expected), control,
            $"'{arm}': {metric.Label}, {test}", controlArm);
    }

    /// <summary>
    /// Steps to a target, censored: <paramref name="slowArm"/> (the baseline) needs at least <paramref name="factor"/>
    /// times the steps of <paramref name="fastArm"/> (the trick). Per seed, slow / fast; a slow run that never reached
    /// the target counts as "&gt; budget", so its ratio is a lower bound, never a number; a fast run that never reached
    /// it counts as ratio 0 (against the claim). The estimate is the median ratio with its order-statistic interval
    /// (<see cref="Estimate.Median"/>). The control is the same test on <paramref name="noiseArm"/> (the fast arm with
    /// another initialisation) against the fast arm, either way.
    /// </summary>
    public static Claim StepsRatio(ExperimentResult result, string name, Verdict expected, Metric steps, string slowArm, string fastArm, int budget,
        double factor, string noiseArm)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(steps);
        if (budget < 1) throw new ArgumentOutOfRangeException(nameof(budget), budget, "budget must be >= 1.");
        if (!(factor > 1)) throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be > 1.");
        var fast = result[fastArm].Values(steps);
        Estimate Ratio(IReadOnlyList<double> slow, IReadOnlyList<double> quick) => Estimate.Median(slow.Zip(quick, (s, f) =>
            !double.IsFinite(f) ? (0.0, false) : double.IsFinite(s) ? (s / f, false) : (budget / f, true)).ToArray());
        Verdict Judge(Estimate e) => Verdicts.Judge(e, factor, higher: true, noEffect: 1);
        var effect = Ratio(result[slowArm].Values(steps), fast);
        var ab = Ratio(result[noiseArm].Values(steps), fast);
        var ba = Ratio(fast, result[noiseArm].Values(steps));
        var shown = Judge(ba) == Verdict.Reproduced && Judge(ab) != Verdict.Reproduced ? ba : ab;
        var control = new Control($"'{noiseArm}' vs '{fastArm}' (A/A noise floor, either way)", shown, Judge(shown));
        return new Claim(name, steps.Key, effect, factor, ">=", Judge(effect), Verdicts.Expectable(expected), control,
            $"'{slowArm}' needs >= {Estimate.Format(factor)}x the steps of '{fastArm}': median per-seed ratio, its order-statistic interval above 1 " +
            $"(a run that never reached the target counts as > {budget} steps)", slowArm);
    }
}
