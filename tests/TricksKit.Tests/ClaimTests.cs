namespace TricksKit.Tests;

/// <summary>
/// The claim tests: effects with 95% intervals (Student t on per-seed differences and log ratios, order statistics for
/// censored step counts), verdicts (reproduced / not reproduced / inconclusive) against the expected one, and controls
/// judged the same way that fail a run when they come out reproduced.
/// </summary>
public class ClaimTests
{
    private static readonly Metric Score = new("score", "score");
    private static readonly Metric Loss = new("loss", "loss", HigherIsBetter: false);

    /// <summary>A result whose arms have the given per-seed values of "score" and "loss".</summary>
    private static ExperimentResult Result(params (string Arm, double[] Values)[] arms)
    {
        var seeds = Enumerable.Range(0, arms[0].Values.Length).ToArray();
        return new ExperimentResult("t", "quick", seeds, 0, arms.Select((a, i) => new ArmResult(a.Arm, i == 0,
            a.Values.Select((v, s) => new RunRecord(a.Arm, s, new Dictionary<string, double> { ["score"] = v, ["loss"] = v })).ToArray())).ToArray(),
            Array.Empty<Claim>(), new Dictionary<string, string>());
    }

    [Fact]
    public void Student_t_quantiles_match_the_tables()
    {
        Assert.Equal(12.7062, StudentT.Quantile(0.975, 1), 3);
        Assert.Equal(2.7764, StudentT.Quantile(0.975, 4), 3);
        Assert.Equal(2.2622, StudentT.Quantile(0.975, 9), 3);
        Assert.Equal(1.9600, StudentT.Quantile(0.975, 100000), 3);
        Assert.Equal(-2.7764, StudentT.Quantile(0.025, 4), 3);
        Assert.Equal(0.5, StudentT.Cdf(0, 3), 12);
        // Against the closed forms for 2 and 4 degrees of freedom (Hill 1970): t = (2p - 1) / sqrt(2p(1 - p)), and with
        // a = 4p(1 - p), q = cos(acos(sqrt(a)) / 3) / sqrt(a), t = 2 sqrt(q - 1).
        double p = 0.975, a = 4 * p * (1 - p), q = Math.Cos(Math.Acos(Math.Sqrt(a)) / 3) / Math.Sqrt(a);
        Assert.Equal((2 * p - 1) / Math.Sqrt(2 * p * (1 - p)), StudentT.Quantile(p, 2), 13);
        Assert.Equal(2 * Math.Sqrt(q - 1), StudentT.Quantile(p, 4), 13);
        Assert.Equal(0.975, StudentT.Cdf(StudentT.Quantile(0.975, 4), 4), 13);
        Assert.Equal("p", Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(1, 4)).ParamName);
        Assert.Equal("df", Assert.Throws<ArgumentOutOfRangeException>(() => StudentT.Quantile(0.9, 0)).ParamName);
    }

    [Fact]
    public void The_mean_interval_is_student_t_on_the_per_seed_values()
    {
        var e = Estimate.Mean(new[] { 1.0, 2, 3, 4, 5 });   // mean 3, s = 1.5811, t(0.975, 4) = 2.7764: half width 1.9632
        Assert.Equal(3, e.Value, 12);
        Assert.Equal(3 - 1.9632, e.Low, 3);
        Assert.Equal(3 + 1.9632, e.High, 3);
        Assert.Equal(5, e.N);
        Assert.Contains("Student t", e.Method);
        // One seed, or a value that is not finite: nothing can be concluded.
        Assert.True(double.IsNegativeInfinity(Estimate.Mean(new[] { 1.0 }).Low));
        Assert.True(double.IsPositiveInfinity(Estimate.Mean(new[] { 1.0, double.NaN, 2 }).High));
        // Ratios: the geometric mean, the interval of the logs exponentiated.
        var g = Estimate.GeometricMean(new[] { 0.5, 0.5, 0.5 });
        Assert.Equal(0.5, g.Value, 12);
        Assert.Equal(0.5, g.High, 12);
        Assert.True(double.IsPositiveInfinity(Estimate.GeometricMean(new[] { 0.5, -1 }).High));
    }

    [Fact]
    public void The_median_interval_is_distribution_free_and_keeps_censored_runs_as_bounds()
    {
        var e = Estimate.Median(new[] { (3.0, false), (5.0, true), (4.0, false), (2.0, false), (6.0, true) });
        Assert.Equal(4, e.Value);
        Assert.Equal(2, e.Low);
        Assert.True(double.IsPositiveInfinity(e.High));   // the largest run never reached the target: nothing known above
        Assert.Equal("4 [2, > 6]", e.Shown);
        Assert.Contains("93.8%", e.Method);              // [x(1), x(5)] of 5 seeds covers the median with 1 - 2/32
        var ten = Estimate.Median(Enumerable.Range(1, 10).Select(i => ((double)i, false)).ToArray());
        Assert.Equal(2, ten.Low);                          // k = 2 at 10 seeds: P(B(10, 1/2) < 2) = 1.07%
        Assert.Equal(9, ten.High);
    }

    [Fact]
    public void A_paired_gain_is_reproduced_only_when_its_interval_excludes_zero_and_it_reaches_the_threshold()
    {
        var t = new PairedTest(Score, Effect.Gain, 0.1);
        double[] one = { 1, 1, 1, 1, 1 };
        Assert.Equal(Verdict.Reproduced, t.On(new[] { 1.2, 1.25, 1.15, 1.2, 1.3 }, one).Verdict);
        // A large mean gain driven by one seed: the interval includes 0.
        Assert.Equal(Verdict.Inconclusive, t.On(new[] { 2.0, 0.95, 1.0, 1.05, 0.98 }, one).Verdict);
        // Consistent but small: the whole interval lies below the threshold.
        Assert.Equal(Verdict.NotReproduced, t.On(new[] { 1.02, 1.03, 1.02, 1.03, 1.025 }, one).Verdict);
        // Lower is better: a gain is a drop, a ratio must be small.
        Assert.Equal(Verdict.Reproduced, new PairedTest(Loss, Effect.Gain, 0.1).On(new[] { 0.5, 0.52, 0.49, 0.5, 0.51 }, new[] { 0.7, 0.7, 0.7, 0.7, 0.7 }).Verdict);
        Assert.Equal(Verdict.Reproduced, new PairedTest(Loss, Effect.Ratio, 0.6).On(new[] { 0.5, 0.52, 0.49, 0.5, 0.51 }, one).Verdict);
        Assert.Equal(Verdict.NotReproduced, new PairedTest(Loss, Effect.Ratio, 0.6).On(new[] { 0.7, 0.72, 0.71, 0.7, 0.69 }, one).Verdict);
        Assert.Equal("arm", Assert.Throws<ArgumentException>(() => t.On(new[] { 1.0 }, new[] { 1.0, 2.0 })).ParamName);
    }

    [Fact]
    public void Pure_noise_is_rarely_reproduced()
    {
        // The sign count this replaces ("better on 2 of 3") passed pure noise half the time; the interval test at the
        // threshold 0 passes it about 2.5% of the time (one side of a 95% interval). 4,000 draws of 5 seeds.
        var rng = new Random(1);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var t = new PairedTest(Score, Effect.Gain, 0);
        int passed = 0;
        for (int i = 0; i < 4000; i++)
            if (t.On(Enumerable.Range(0, 5).Select(_ => Normal()).ToArray(), new double[5]).Verdict == Verdict.Reproduced) passed++;
        Assert.InRange(passed / 4000.0, 0.015, 0.035);
    }

    [Fact]
    public void A_claim_passes_when_its_verdict_is_the_expected_one_and_its_control_is_not_reproduced()
    {
        var test = new PairedTest(Score, Effect.Gain, 0.1);
        var quiet = Result(("base", new[] { 1.0, 1, 1, 1, 1 }), ("noise", new[] { 1.02, 0.99, 1.01, 0.98, 1.0 }), ("trick", new[] { 1.3, 1.2, 1.25, 1.22, 1.28 }));
        var claim = Claim.Paired(quiet, "trick wins", Verdict.Reproduced, test, "trick", "base", "noise");
        Assert.Equal(Verdict.Reproduced, claim.Verdict);
        Assert.Equal(Verdict.NotReproduced, claim.Control!.Verdict);
        Assert.Equal("base", claim.Baseline);
        Assert.True(quiet.WithClaims(claim).Assert().Passed);

        // Expected not reproduced, observed reproduced: the run fails, and says which.
        var wrong = Claim.Paired(quiet, "trick wins", Verdict.NotReproduced, test, "trick", "base", "noise");
        Assert.False(wrong.Passed);
        Assert.Contains("expected not reproduced", Assert.Throws<ClaimFailedException>(() => quiet.WithClaims(wrong).Assert()).Message);

        // The same effect, but the baseline repeated from another init moves as much: the control is reproduced, the run fails.
        var noisy = Result(("base", new[] { 1.0, 1, 1, 1, 1 }), ("noise", new[] { 1.3, 1.25, 1.2, 1.22, 1.28 }), ("trick", new[] { 1.3, 1.2, 1.25, 1.22, 1.28 }));
        var c2 = Claim.Paired(noisy, "trick wins", Verdict.Reproduced, test, "trick", "base", "noise");
        Assert.Equal(Verdict.Reproduced, c2.Control!.Verdict);
        Assert.False(c2.Passed);
        Assert.Contains("control reproduced", Assert.Throws<ClaimFailedException>(() => noisy.WithClaims(c2).Assert()).Message);

        // Noise in the other direction counts too: the control is tested either way.
        var down = Result(("base", new[] { 1.3, 1.25, 1.2, 1.22, 1.28 }), ("noise", new[] { 1.0, 1, 1, 1, 1 }), ("trick", new[] { 1.6, 1.5, 1.5, 1.55, 1.6 }));
        Assert.True(Claim.Paired(down, "trick wins", Verdict.Reproduced, test, "trick", "base", "noise").Control!.Holds);

        // Inconclusive may be shown, never expected.
        Assert.Equal("expected", Assert.Throws<ArgumentOutOfRangeException>(() => Claim.Paired(quiet, "x", Verdict.Inconclusive, test, "trick", "base", "noise")).ParamName);
    }

    [Fact]
    public void A_level_claim_is_judged_on_its_interval_and_controlled_by_the_run_without_the_trick()
    {
        var r = Result(("plain", new[] { 0.03, 0.02, 0.04, 0.03, 0.02 }), ("flooded", new[] { 0.11, 0.12, 0.1, 0.1, 0.11 }));
        var c = Claim.Within(r, "near b", Verdict.Reproduced, Loss, "flooded", 0.05, 0.15, "plain");
        Assert.True(c.Passed);
        Assert.Equal("in [0.05, 0.15]", c.Bound);
        Assert.Equal(0.028, c.Control!.Effect.Value, 12);
        Assert.Equal(Verdict.NotReproduced, c.Control.Verdict);
        // The mean is in the range but the interval is not: inconclusive, and the run fails.
        var wide = Result(("plain", new[] { 0.03, 0.02, 0.04, 0.03, 0.02 }), ("flooded", new[] { 0.01, 0.2, 0.1, 0.05, 0.14 }));
        Assert.Equal(Verdict.Inconclusive, Claim.Within(wide, "near b", Verdict.Reproduced, Loss, "flooded", 0.05, 0.15, "plain").Verdict);
        var both = Result(("plain", new[] { 0.1, 0.1, 0.11, 0.1, 0.1 }), ("flooded", new[] { 0.11, 0.12, 0.1, 0.1, 0.11 }));
        Assert.False(Claim.Within(both, "near b", Verdict.Reproduced, Loss, "flooded", 0.05, 0.15, "plain").Passed);
        Assert.Equal("low", Assert.Throws<ArgumentException>(() => Claim.Within(r, "x", Verdict.Reproduced, Loss, "flooded", 1, 0, "plain")).ParamName);
        // A level that is itself an effect within each run: judged as one (interval excluding 0, estimate at the bound).
        var gain = Result(("plain", new[] { -0.01, 0.0, 0.01, -0.02, 0.0 }), ("ens", new[] { 0.004, 0.008, 0.006, 0.01, 0.007 }));
        Assert.Equal(Verdict.Inconclusive, Claim.Within(gain, "g", Verdict.Reproduced, Score, "ens", 0.005, double.PositiveInfinity, "plain").Verdict);
        Assert.Equal(Verdict.Reproduced, Claim.Within(gain, "g", Verdict.Reproduced, Score, "ens", 0.005, double.PositiveInfinity, "plain", noEffect: 0).Verdict);
        Assert.Equal("noEffect", Assert.Throws<ArgumentException>(() => Claim.Within(gain, "g", Verdict.Reproduced, Score, "ens", 0, 1, "plain", noEffect: 0)).ParamName);
    }

    [Fact]
    public void Censored_steps_are_reported_as_more_than_the_budget_never_as_a_number()
    {
        double never = double.PositiveInfinity;
        var r = Result(("slow", new[] { never, never, 900, 1000, 800 }), ("fast", new[] { 200.0, 250, 300, 200, 200 }),
            ("fast A/A", new[] { 225.0, 250, 275, 210, 190 }));
        var c = Claim.StepsRatio(r, "slow is slower", Verdict.Reproduced, Score, "slow", "fast", 1000, 3, "fast A/A");
        // Per seed: > 5, > 4, 3, 5, 4; sorted 3, 4, > 4, 5, > 5: the median is a lower bound, the upper end unknown.
        Assert.Equal("> 4 [3, > 5]", c.Shown);
        Assert.Equal(Verdict.Reproduced, c.Verdict);
        Assert.False(c.Control!.Holds);
        Assert.Contains("> 1000 steps", c.Test);
        // A fast run that never reached the target counts against the claim.
        var r2 = Result(("slow", new[] { never, never, never, never, never }), ("fast", new[] { never, 250, never, never, 200 }),
            ("fast A/A", new[] { 225.0, 250, 275, 210, 190 }));
        Assert.NotEqual(Verdict.Reproduced, Claim.StepsRatio(r2, "x", Verdict.Reproduced, Score, "slow", "fast", 1000, 3, "fast A/A").Verdict);
        Assert.Equal("factor", Assert.Throws<ArgumentOutOfRangeException>(() => Claim.StepsRatio(r, "x", Verdict.Reproduced, Score, "slow", "fast", 1000, 1, "fast A/A")).ParamName);
    }

    [Fact]
    public void Every_design_is_found_by_its_notebook_and_its_trick()
    {
        foreach (var d in Catalog.All.Select(s => s.Design))
        {
            Assert.Same(d, Catalog.Find(d.Name).Design);
            Assert.Same(d, Catalog.Find(d.Trick).Design);
        }
        Assert.Equal(Catalog.All.Count, Catalog.All.Select(s => s.Design).Select(d => d.Name).Distinct().Count());
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => Catalog.Find("12-nothing").Design).ParamName);
    }

    [Fact]
    public void A_design_whose_claim_has_no_control_does_not_run()
    {
        var arm = new Arm("a", (s, _) => new RunRecord("a", s.Seed, new Dictionary<string, double> { ["score"] = 1 }));
        var design = new ExperimentDesign("t", "00-t", _ => new[] { arm }, r => new[] { TestClaims.AtLeast("uncontrolled", "score", 1, 0) });
        var e = Assert.Throws<InvalidOperationException>(() => design.Run(new ExperimentSettings(RunMode.Quick, new[] { 0 })));
        Assert.Contains("uncontrolled", e.Message);
    }
}
