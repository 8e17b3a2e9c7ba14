using TricksKit.Experiments;
using TricksKit.Experiments.Statistics;

/// <summary>Claims without a control, for tests of the machinery around claims (the designs never make these: every claim of theirs carries a control).</summary>
internal static class TestClaims
{
    /// <summary>A point estimate: the interval is the value itself.</summary>
    public static Estimate Point(double v) => new(v, v, v, 1, "test point");

    private static Claim Make(string name, string metric, double observed, double threshold, string comparison, bool holds) =>
        new(name, metric, Point(observed), threshold, comparison, holds ? Verdict.Reproduced : Verdict.NotReproduced, Verdict.Reproduced);

    public static Claim Above(string name, string metric, double observed, double threshold) => Make(name, metric, observed, threshold, ">", observed > threshold);
    public static Claim Below(string name, string metric, double observed, double threshold) => Make(name, metric, observed, threshold, "<", observed < threshold);
    public static Claim AtLeast(string name, string metric, double observed, double threshold) => Make(name, metric, observed, threshold, ">=", observed >= threshold);
    public static Claim AtMost(string name, string metric, double observed, double threshold) => Make(name, metric, observed, threshold, "<=", observed <= threshold);

    /// <summary>A control with a point estimate: reproduced (it holds) or not.</summary>
    public static Control Control(string compares, double observed, bool holds) =>
        new(compares, Point(observed), holds ? Verdict.Reproduced : Verdict.NotReproduced);
}
