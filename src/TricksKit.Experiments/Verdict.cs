using TricksKit.Experiments.Statistics;

namespace TricksKit.Experiments;

/// <summary>
/// What an interval says about a claim. <see cref="Reproduced"/>: the interval excludes no effect and the estimate
/// reaches the threshold. <see cref="NotReproduced"/>: the whole interval lies short of the threshold.
/// <see cref="Inconclusive"/>: anything else; a design may show it but never expect it.
/// </summary>
public enum Verdict
{
    /// <summary>The interval excludes no effect and the estimate reaches the threshold.</summary>
    Reproduced,
    /// <summary>The whole interval lies short of the threshold: not reproduced at this scale.</summary>
    NotReproduced,
    /// <summary>Neither: the seeds cannot tell.</summary>
    Inconclusive,
}

/// <summary>How verdicts are reached and written.</summary>
public static class Verdicts
{
    /// <summary>"reproduced", "not reproduced" or "inconclusive", as the results JSON and the tables write it.</summary>
    public static string Text(this Verdict verdict) => verdict switch
    {
        Verdict.Reproduced => "reproduced",
        Verdict.NotReproduced => "not reproduced",
        Verdict.Inconclusive => "inconclusive",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "verdict must be Reproduced, NotReproduced or Inconclusive."),
    };

    /// <summary>The verdict written by <see cref="Text"/>; an <see cref="ArgumentException"/> otherwise.</summary>
    public static Verdict Parse(string text) => text switch
    {
        "reproduced" => Verdict.Reproduced,
        "not reproduced" => Verdict.NotReproduced,
        "inconclusive" => Verdict.Inconclusive,
        _ => throw new ArgumentException($"text must be 'reproduced', 'not reproduced' or 'inconclusive', got '{text}'.", nameof(text)),
    };

    /// <summary>
    /// The verdict on <paramref name="effect"/> for a claim that it reaches <paramref name="threshold"/> from the side of
    /// <paramref name="noEffect"/> (<paramref name="higher"/>: the effect must be at least the threshold, else at most):
    /// reproduced when the interval excludes <paramref name="noEffect"/> and the estimate reaches the threshold, not
    /// reproduced when the whole interval lies short of it. A level claim passes its threshold as
    /// <paramref name="noEffect"/>: reproduced then means the whole interval lies beyond it.
    /// </summary>
    public static Verdict Judge(Estimate effect, double threshold, bool higher, double noEffect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        if (double.IsNaN(effect.Value)) return Verdict.Inconclusive;
        if (higher)
            return effect.Low > noEffect && effect.Value >= threshold ? Verdict.Reproduced
                : effect.High < threshold ? Verdict.NotReproduced : Verdict.Inconclusive;
        return effect.High < noEffect && effect.Value <= threshold ? Verdict.Reproduced
            : effect.Low > threshold ? Verdict.NotReproduced : Verdict.Inconclusive;
    }

    /// <summary>The verdict on a level claimed to lie in [<paramref name="low"/>, <paramref name="high"/>]: reproduced when the whole interval does, not reproduced when none of it does.</summary>
    public static Verdict JudgeRange(Estimate level, double low, double high)
    {
        ArgumentNullException.ThrowIfNull(level);
        if (double.IsNaN(level.Value)) return Verdict.Inconclusive;
        return level.Low >= low && level.High <= high ? Verdict.Reproduced
            : level.High < low || level.Low > high ? Verdict.NotReproduced : Verdict.Inconclusive;
    }

    /// <summary><paramref name="expected"/> when it is one a design may declare (reproduced or not reproduced).</summary>
    public static Verdict Expectable(Verdict expected, string parameter = "expected") =>
        expected is Verdict.Reproduced or Verdict.NotReproduced ? expected
            : throw new ArgumentOutOfRangeException(parameter, expected, $"{parameter} must be Verdict.Reproduced or Verdict.NotReproduced: a design may show an inconclusive verdict but never expect one.");
}
