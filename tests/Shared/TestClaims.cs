using TricksKit.Experiments;

/// <summary>Claims without a control, for tests of the machinery around claims (the designs never make these: every claim of theirs carries a control).</summary>
internal static class TestClaims
{
    public static Claim Above(string name, string metric, double observed, double threshold) => new(name, metric, observed, threshold, ">", observed > threshold);
    public static Claim Below(string name, string metric, double observed, double threshold) => new(name, metric, observed, threshold, "<", observed < threshold);
    public static Claim AtLeast(string name, string metric, double observed, double threshold) => new(name, metric, observed, threshold, ">=", observed >= threshold);
    public static Claim AtMost(string name, string metric, double observed, double threshold) => new(name, metric, observed, threshold, "<=", observed <= threshold);
}
