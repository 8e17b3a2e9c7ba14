using System.Globalization;

namespace TricksKit.Experiments;

/// <summary>
/// A named, quantitative statement about an experiment: the observed value of a metric against a threshold, how it was
/// tested (<see cref="Test"/>) and the <see cref="Control"/> that shows the test can fail. Immutable. The designs make
/// claims with the factories <see cref="Paired(ExperimentResult, string, PairedTest, string, string, string)"/>, <see cref="Within"/> and <see cref="StepsRatio"/>.
/// </summary>
public sealed partial record Claim(string Name, string Metric, double Observed, double Threshold, string Comparison, bool Holds,
    Control? Control = null, string Test = "", string? ObservedText = null)
{
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
