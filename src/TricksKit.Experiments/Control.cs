namespace TricksKit.Experiments;

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
