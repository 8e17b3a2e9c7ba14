namespace TricksKit.Tests;

/// <summary>The claim tests: paired effects with sign counts, controls that fail a run when they hold, censored step counts.</summary>
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
    public void A_paired_gain_needs_the_threshold_and_a_sign_count_of_two_thirds()
    {
        var t = new PairedTest(Score, Effect.Gain, 0.1);
        Assert.True(t.On(new[] { 1.2, 1.2, 0.95 }, new[] { 1.0, 1.0, 1.0 }).Passes);    // mean 0.117, better on 2 of 3
        Assert.False(t.On(new[] { 1.5, 0.9, 0.95 }, new[] { 1.0, 1.0, 1.0 }).Passes);   // mean 0.117, better on 1 of 3
        Assert.False(t.On(new[] { 1.05, 1.05, 1.05 }, new[] { 1.0, 1.0, 1.0 }).Passes); // better on 3 of 3, mean 0.05
        Assert.Equal(4, PairedTest.MinBetter(5));
        Assert.Equal(2, PairedTest.MinBetter(3));
        // Lower is better: a gain is a drop, a ratio must be small.
        Assert.True(new PairedTest(Loss, Effect.Gain, 0.1).On(new[] { 0.5, 0.5, 0.5 }, new[] { 0.7, 0.7, 0.7 }).Passes);
        Assert.True(new PairedTest(Loss, Effect.Ratio, 0.6).On(new[] { 0.5, 0.5, 0.5 }, new[] { 1.0, 1.0, 1.0 }).Passes);
        Assert.False(new PairedTest(Loss, Effect.Ratio, 0.6).On(new[] { 0.7, 0.7, 0.7 }, new[] { 1.0, 1.0, 1.0 }).Passes);
        Assert.Equal("arm", Assert.Throws<ArgumentException>(() => t.On(new[] { 1.0 }, new[] { 1.0, 2.0 })).ParamName);
    }

    [Fact]
    public void A_claim_whose_noise_floor_passes_the_same_test_fails_the_run()
    {
        var test = new PairedTest(Score, Effect.Gain, 0.1);
        var quiet = Result(("base", new[] { 1.0, 1.0, 1.0 }), ("noise", new[] { 1.02, 0.99, 1.01 }), ("trick", new[] { 1.3, 1.2, 1.25 }));
        var claim = Claim.Paired(quiet, "trick wins", test, "trick", "base", "noise");
        Assert.True(claim.Holds);
        Assert.False(claim.Control!.Holds);
        Assert.True(quiet.WithClaims(claim).Assert().Passed);

        // The same effect, but the baseline repeated from another init moves as much: the control holds, the run fails.
        var noisy = Result(("base", new[] { 1.0, 1.0, 1.0 }), ("noise", new[] { 1.3, 1.25, 1.2 }), ("trick", new[] { 1.3, 1.2, 1.25 }));
        var c2 = Claim.Paired(noisy, "trick wins", test, "trick", "base", "noise");
        Assert.True(c2.Holds);
        Assert.True(c2.Control!.Holds);
        Assert.False(c2.Passed);
        Assert.Contains("control holds", Assert.Throws<ClaimFailedException>(() => noisy.WithClaims(c2).Assert()).Message);

        // Noise in the other direction counts too: the control is tested either way.
        var down = Result(("base", new[] { 1.3, 1.25, 1.2 }), ("noise", new[] { 1.0, 1.0, 1.0 }), ("trick", new[] { 1.6, 1.5, 1.5 }));
        Assert.True(Claim.Paired(down, "trick wins", test, "trick", "base", "noise").Control!.Holds);
    }

    [Fact]
    public void A_level_claim_is_controlled_by_the_run_without_the_trick()
    {
        var r = Result(("plain", new[] { 0.03, 0.02, 0.04 }), ("flooded", new[] { 0.11, 0.12, 0.1 }));
        var c = Claim.Within(r, "near b", Loss, "flooded", 0.05, 0.15, "plain");
        Assert.True(c.Passed);
        Assert.Equal("in [0.05, 0.15]", c.Bound);
        Assert.Equal(0.03, c.Control!.Observed, 12);
        var both = Result(("plain", new[] { 0.1, 0.1, 0.1 }), ("flooded", new[] { 0.11, 0.12, 0.1 }));
        Assert.False(Claim.Within(both, "near b", Loss, "flooded", 0.05, 0.15, "plain").Passed);
        Assert.Equal("low", Assert.Throws<ArgumentException>(() => Claim.Within(r, "x", Loss, "flooded", 1, 0, "plain")).ParamName);
    }

    [Fact]
    public void Censored_steps_are_reported_as_more_than_the_budget_never_as_a_number()
    {
        double never = double.PositiveInfinity;
        var r = Result(("slow", new[] { never, never, 900 }), ("fast", new[] { 200.0, 250, 300 }), ("fast A/A", new[] { 225.0, 250, 275 }));
        var c = Claim.StepsRatio(r, "slow is slower", Score, "slow", "fast", 1000, 3, "fast A/A");
        Assert.Equal("> 4", c.ObservedText);      // per seed: > 5, > 4, 3; the median is a lower bound
        Assert.True(c.Holds);
        Assert.False(c.Control!.Holds);
        Assert.Contains("> 1000 steps", c.Test);
        // A censored fast run fails its seed.
        var r2 = Result(("slow", new[] { never, never, never }), ("fast", new[] { never, 250, never }), ("fast A/A", new[] { 225.0, 250, 275 }));
        Assert.False(Claim.StepsRatio(r2, "x", Score, "slow", "fast", 1000, 3, "fast A/A").Holds);
    }

    [Fact]
    public void Every_design_is_found_by_its_notebook_and_its_trick()
    {
        foreach (var d in Catalog.All.Select(s => s.Design))
        {
            Assert.Same(d, Catalog.Find(d.Name).Design);
            Assert.Same(d, Catalog.Find(d.Trick).Design);
        }
        Assert.Equal(10, Catalog.All.Select(s => s.Design).Select(d => d.Name).Distinct().Count());
        Assert.Equal("name", Assert.Throws<ArgumentException>(() => Catalog.Find("11-nothing").Design).ParamName);
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
