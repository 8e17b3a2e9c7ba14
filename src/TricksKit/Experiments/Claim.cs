using System.Globalization;

namespace TricksKit;

/// <summary>
/// What a claim's test gives on runs where the trick's effect should not show: the baseline against itself repeated
/// with another initialisation (an A/A noise floor), or a setting where the paper predicts no effect (a negative
/// control). <see cref="Holds"/> true means the test passes there too, so it cannot tell the trick from noise: the
/// experiment then fails.
/// </summary>
public sealed record Control(string Compares, double Observed, bool Holds, string? ObservedText = null)
{
    /// <summary>The observed value as shown: <see cref="ObservedText"/> when given (e.g. "&gt; 1200" for a censored count).</summary>
    public string Shown => ObservedText ?? Claim.Format(Observed);
}

/// <summary>
/// A named, quantitative statement about an experiment: the observed value of a metric against a threshold, how it was
/// tested (<see cref="Test"/>) and the <see cref="Control"/> that shows the test can fail. Immutable.
/// </summary>
public sealed record Claim(string Name, string Metric, double Observed, double Threshold, string Comparison, bool Holds,
    Control? Control = null, string Test = "", string? ObservedText = null)
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

    /// <summary>True when the claim holds and its control (if any) does not.</summary>
    public bool Passed => Holds && Control is not { Holds: true };

    /// <summary>The observed value as shown: <see cref="ObservedText"/> when given.</summary>
    public string Shown => ObservedText ?? Format(Observed);

    /// <summary>What the observed value is held to, e.g. "&gt;= 0.15" or "in [0.05, 0.15]".</summary>
    public string Bound => Comparison.StartsWith("in ", StringComparison.Ordinal) ? Comparison : $"{Comparison} {Format(Threshold)}";

    /// <summary>A number as claims show it: four significant digits, invariant culture.</summary>
    public static string Format(double v) => v.ToString("G4", CultureInfo.InvariantCulture);

    /// <summary>The verdict, the claim, the observed value against its bound, and the control.</summary>
    public override string ToString()
    {
        var verdict = !Holds ? "FAILS" : Control is { Holds: true } ? "FAILS (control holds too)" : "holds";
        var control = Control is null ? "" : $"; control {Control.Compares}: {Control.Shown}, {(Control.Holds ? "HOLDS" : "does not hold")}";
        return $"{verdict}: {Name} ({Metric} = {Shown} {Bound}{control})";
    }
}

/// <summary>Thrown by <see cref="ExperimentResult.Assert"/> when a claim does not hold or its control holds.</summary>
public sealed class ClaimFailedException(IReadOnlyList<Claim> failed)
    : Exception("claim did not pass: " + string.Join("; ", failed.Select(c => c.ToString())))
{
    /// <summary>The claims that did not pass.</summary>
    public IReadOnlyList<Claim> Failed { get; } = failed;
}
