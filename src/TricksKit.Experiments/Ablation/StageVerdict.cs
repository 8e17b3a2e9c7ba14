using TricksKit.Experiments.Statistics;

namespace TricksKit.Experiments;

/// <summary>
/// What an ablation stage's paired gain says (the single-trick notebooks' rule, <see cref="Verdicts.Judge"/>, with a
/// threshold of no effect): <see cref="Helps"/> when the 95% interval lies above 0, <see cref="Hurts"/> when it lies
/// below, <see cref="NoMeasurableEffect"/> when it holds 0: a gain within the noise is never reported as a win.
/// </summary>
public enum StageVerdict
{
    /// <summary>The whole interval of the gain lies above 0.</summary>
    Helps,
    /// <summary>The interval holds 0: the seeds cannot tell the stage from the one before it.</summary>
    NoMeasurableEffect,
    /// <summary>The whole interval lies below 0.</summary>
    Hurts,
}

/// <summary>How stage verdicts are reached and written.</summary>
public static class StageVerdicts
{
    /// <summary>The stage verdict of a paired test's verdict at threshold 0: reproduced helps, not reproduced hurts.</summary>
    public static StageVerdict Of(Verdict verdict) => verdict switch
    {
        Verdict.Reproduced => StageVerdict.Helps,
        Verdict.NotReproduced => StageVerdict.Hurts,
        _ => StageVerdict.NoMeasurableEffect,
    };

    /// <summary>The verdict on a paired gain (positive is better): <see cref="Verdicts.Judge"/> at a threshold of no effect.</summary>
    public static StageVerdict Of(Estimate gain)
    {
        ArgumentNullException.ThrowIfNull(gain);
        return Of(Verdicts.Judge(gain, 0, higher: true, noEffect: 0));
    }

    /// <summary>"helps", "no measurable effect" or "hurts".</summary>
    public static string Text(this StageVerdict verdict) => verdict switch
    {
        StageVerdict.Helps => "helps",
        StageVerdict.NoMeasurableEffect => "no measurable effect",
        StageVerdict.Hurts => "hurts",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "verdict must be Helps, NoMeasurableEffect or Hurts."),
    };
}
