namespace TricksKit;

/// <summary>
/// One experiment, whole: the trick it shows, the notebook that shows it, its arms (baseline first) and its claims.
/// <see cref="Run"/> runs every arm over the seeds and returns the result with the claims evaluated, so plain C#, F#,
/// the tests, the scripts and the notebooks all check the same claims. Each design class exposes one
/// (<c>FocalLossExperiment.Design</c>, ...); <see cref="Designs.All"/> lists them.
/// </summary>
public sealed record ExperimentDesign(string Trick, string Notebook, Func<ExperimentSettings, IReadOnlyList<Arm>> Arms,
    Func<ExperimentResult, IReadOnlyList<Claim>> Claims)
{
    /// <summary>
    /// Runs the arms over the seeds of <paramref name="settings"/> (in worker processes when its
    /// <see cref="ExperimentSettings.Parallelism"/> is above 1: same numbers) and evaluates the claims (each must carry a control).
    /// </summary>
    public ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = settings.Parallelism > 1 ? ExperimentWorker.Run(this, settings, progress) : Experiment.Run(Trick, Arms(settings), settings, progress);
        return WithClaims(result);
    }

    /// <summary><paramref name="result"/> (of this design's arms) with the claims evaluated; each claim must carry a control.</summary>
    public ExperimentResult WithClaims(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var claims = Claims(result);
        var uncontrolled = claims.Where(c => c.Control is null).Select(c => c.Name).ToArray();
        if (uncontrolled.Length > 0)
            throw new InvalidOperationException($"design '{Notebook}': every claim needs a control that shows its test can fail; none for: {string.Join(", ", uncontrolled)}.");
        return result.WithClaims(claims);
    }
}

/// <summary>The ten experiments, in notebook order.</summary>
public static class Designs
{
    /// <summary>Every design, in notebook order.</summary>
    public static IReadOnlyList<ExperimentDesign> All => new[]
    {
        FocalLossExperiment.Design, DropoutExperiment.Design, BatchNormExperiment.Design, ReluExperiment.Design,
        CyclicLrExperiment.Design, FloodingExperiment.Design, GroupNormExperiment.Design, LabelSmoothingExperiment.Design,
        WganExperiment.Design, SkipConnectionExperiment.Design,
    };

    /// <summary>The design of a trick ("focal-loss") or notebook ("01-focal-loss").</summary>
    public static ExperimentDesign Find(string name) =>
        All.FirstOrDefault(d => d.Trick == name || d.Notebook == name)
        ?? throw new ArgumentException($"name must be a trick or notebook: {string.Join(", ", All.Select(d => d.Notebook))}; got '{name}'.", nameof(name));
}
