namespace TricksKit;

/// <summary>
/// A named, quantitative statement about an experiment: the observed value of a metric against a threshold.
/// Immutable; <see cref="Holds"/> is computed when it is made.
/// </summary>
public sealed record Claim(string Name, string Metric, double Observed, double Threshold, string Comparison, bool Holds)
{
    /// <summary>Holds when <paramref name="observed"/> &gt; <paramref name="threshold"/>.</summary>
    public static Claim Above(string name, string metric, double observed, double threshold) =>
        new(name, metric, observed, threshold, ">", observed > threshold);

    /// <summary>Holds when <paramref name="observed"/> &lt; <paramref name="threshold"/>.</summary>
    public static Claim Below(string name, string metric, double observed, double threshold) =>
        new(name, metric, observed, threshold, "<", observed < threshold);

    /// <summary>Holds when <paramref name="observed"/> &gt;= <paramref name="threshold"/>.</summary>
    public static Claim AtLeast(string name, string metric, double observed, double threshold) =>
        new(name, metric, observed, threshold, ">=", observed >= threshold);

    /// <summary>Holds when <paramref name="observed"/> &lt;= <paramref name="threshold"/>.</summary>
    public static Claim AtMost(string name, string metric, double observed, double threshold) =>
        new(name, metric, observed, threshold, "<=", observed <= threshold);

    public override string ToString() =>
        $"{(Holds ? "holds" : "FAILS")}: {Name} ({Metric} = {Observed:G4} {Comparison} {Threshold:G4})";
}

/// <summary>Thrown by <see cref="ExperimentResult.Assert"/> when a claim does not hold.</summary>
public sealed class ClaimFailedException(IReadOnlyList<Claim> failed)
    : Exception("claim did not hold: " + string.Join("; ", failed.Select(c => c.ToString())))
{
    public IReadOnlyList<Claim> Failed { get; } = failed;
}
