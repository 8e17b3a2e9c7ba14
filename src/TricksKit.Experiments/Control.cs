using TricksKit.Experiments.Statistics;

namespace TricksKit.Experiments;

/// <summary>
/// A claim's test on runs where the trick's effect should not show: the baseline against itself repeated with another
/// initialisation (an A/A noise floor, tested either way), or a setting where the paper predicts no effect (a negative
/// control). It is judged as the claim is: <see cref="Holds"/> (its verdict is <see cref="Verdict.Reproduced"/>) means
/// the test finds an effect there too, so it cannot tell the trick from noise, and the experiment fails.
/// </summary>
public sealed record Control(string Compares, Estimate Effect, Verdict Verdict)
{
    /// <summary>True when the control comes out reproduced.</summary>
    public bool Holds => Verdict == Verdict.Reproduced;

    /// <summary>The estimate and its interval, as shown.</summary>
    public string Shown => Effect.Shown;
}
