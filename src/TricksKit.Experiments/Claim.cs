using TricksKit.Experiments.Statistics;

namespace TricksKit.Experiments;

/// <summary>
/// A named, quantitative statement about an experiment, pre-registered: the effect of the trick against
/// <see cref="Baseline"/> on a metric, estimated with its 95% interval (<see cref="Effect"/>), judged against a
/// threshold (<see cref="Verdict"/>), the verdict the design declared before the confirming run
/// (<see cref="Expected"/>), how it was tested (<see cref="Test"/>) and the <see cref="Control"/> that shows the test
/// can fail. <see cref="Paper"/> is the paper's number it is set beside. Immutable. The designs make claims with the
/// factories <see cref="Paired(ExperimentResult, string, Verdict, PairedTest, string, string, string)"/>,
/// <see cref="Within"/> and <see cref="StepsRatio"/>.
/// </summary>
public sealed partial record Claim(string Name, string Metric, Estimate Effect, double Threshold, string Comparison, Verdict Verdict,
    Verdict Expected, Control? Control = null, string Test = "", string Baseline = "")
{
    /// <summary>What the paper reports for this claim, in words ("MNIST error 1.60% -> 1.25%"); empty when it gives no number.</summary>
    public string Paper { get; init; } = "";

    /// <summary>True when the verdict is the one expected and the control does not come out reproduced.</summary>
    public bool Passed => Verdict == Expected && Control is not { Holds: true };

    /// <summary>The estimate and its interval as shown, e.g. "0.12 [0.05, 0.19]".</summary>
    public string Shown => Effect.Shown;

    /// <summary>What the estimate is held to, e.g. "&gt;= 0.15" or "in [0.05, 0.15]".</summary>
    public string Bound => Comparison.StartsWith("in ", StringComparison.Ordinal) ? Comparison : $"{Comparison} {Estimate.Format(Threshold)}";

    /// <summary>Passed or not, the claim, its verdict against the expected one, the estimate and the control.</summary>
    public override string ToString()
    {
        var outcome = Passed ? "passed" : Verdict != Expected ? $"FAILS ({Verdict.Text()}, expected {Expected.Text()})" : "FAILS (control reproduced too)";
        var control = Control is null ? "" : $"; control {Control.Compares}: {Control.Shown}, {Control.Verdict.Text()}";
        return $"{outcome}: {Name} ({Metric}: {Shown} {Bound}{control})";
    }
}

/// <summary>Thrown by <see cref="ExperimentResult.Assert"/> when a claim's verdict is not the expected one or its control comes out reproduced.</summary>
public sealed class ClaimFailedException(IReadOnlyList<Claim> failed)
    : Exception("claim did not pass: " + string.Join("; ", failed.Select(c => c.ToString())))
{
    /// <summary>The claims that did not pass.</summary>
    public IReadOnlyList<Claim> Failed { get; } = failed;
}
