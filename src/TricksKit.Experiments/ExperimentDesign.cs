using TricksKit.Experiments.Execution;

namespace TricksKit.Experiments;

/// <summary>
/// One experiment, whole: its name in the results (<see cref="Trick"/>, "group-norm") and its files
/// (<see cref="Name"/>, "07-group-norm"), its arms (baseline first) and its claims. <see cref="Run(ExperimentSettings, IProgress{ExperimentProgress}?)"/> runs every arm
/// over the seeds and returns the result with the claims evaluated, so plain C#, F#, the tests, the scripts and the
/// notebooks all check the same claims.
/// </summary>
public sealed record ExperimentDesign(string Trick, string Name, Func<ExperimentSettings, IReadOnlyList<Arm>> Arms,
    Func<ExperimentResult, IReadOnlyList<Claim>> Claims)
{
    /// <summary>The runs of this design's arms over the seeds of <paramref name="settings"/>.</summary>
    public RunPlan Plan(ExperimentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new RunPlan(Trick, Arms(settings), settings);
    }

    /// <summary>
    /// Runs the arms over the seeds of <paramref name="settings"/> (in worker lanes when its
    /// <see cref="ExperimentSettings.Parallelism"/> is above 1 and its <see cref="ExperimentSettings.Workers"/> can run
    /// this design: same numbers) and evaluates the claims (each must carry a control).
    /// </summary>
    public ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null) => Run(Plan(settings), progress);

    /// <summary>Runs <paramref name="plan"/>, made by <see cref="Plan"/> of this design, as <see cref="Run(ExperimentSettings, IProgress{ExperimentProgress}?)"/> does.</summary>
    public ExperimentResult Run(RunPlan plan, IProgress<ExperimentProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Trick != Trick) throw new ArgumentException($"plan must be one of this design's ('{Trick}'), got one of '{plan.Trick}'.", nameof(plan));
        var settings = plan.Settings;
        var result = settings.Parallelism > 1 && settings.Workers is { } w && w.CanRun(this)
            ? Workers.Run(plan, this, w, progress) : plan.RunInProcess(progress);
        return WithClaims(result);
    }

    /// <summary><paramref name="result"/> (of this design's arms) with the claims evaluated; each claim must carry a control.</summary>
    public ExperimentResult WithClaims(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var claims = Claims(result);
        var uncontrolled = claims.Where(c => c.Control is null).Select(c => c.Name).ToArray();
        if (uncontrolled.Length > 0)
            throw new InvalidOperationException($"design '{Name}': every claim needs a control that shows its test can fail; none for: {string.Join(", ", uncontrolled)}.");
        return result.WithClaims(claims);
    }
}
