using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Wasserstein GAN (Arjovsky et al. 2017; with gradient penalty, Gulrajani et al. 2017) on the 8-Gaussian ring
/// (radius 2, sigma 0.02): generator and critic MLPs of 3 x 64 ReLU units, noise 8, batch 128, checkpoints every 50
/// iterations. Standard GAN (Adam 1e-3, betas 0.5/0.999, 2,000 iterations) against WGAN-GP (lambda 0.1, Adam 1e-3,
/// betas 0.5/0.9, n_critic 5, 1,000 iterations); in quick mode the GAN runs 1,000 iterations to stay under a minute. At each checkpoint: the critic's own estimate (W for WGAN, a JS
/// estimate for the GAN), the sliced Wasserstein distance of 2,000 samples to the data (64 directions), modes covered.
/// </summary>
public static class WganExperiment
{
    public const string Gan = "standard GAN", Gp = "WGAN-GP", Clip = "WGAN, weight clipping";

    public static GanOptions GanSettings(ExperimentSettings s) => new()
    {
        Kind = GanKind.Standard, NCritic = 1, Iterations = s.Pick(1000, 4000), LearningRate = 1e-3, Beta1 = 0.5, Beta2 = 0.999,
    };

    public static GanOptions GpSettings(ExperimentSettings s) => new()
    {
        Kind = GanKind.WganGp, NCritic = 5, Iterations = s.Pick(1000, 2000), LearningRate = 1e-3, Beta1 = 0.5, Beta2 = 0.9, Lambda = 0.1,
    };

    public static GanOptions ClipSettings(ExperimentSettings s) => new()
    {
        Kind = GanKind.WganClip, NCritic = 5, Iterations = 3000, LearningRate = 1e-3, Clip = 0.05,
    };

    /// <summary>One GAN arm: the metrics are the checkpoints' Spearman correlation and the final quality; the checkpoints are series.</summary>
    public static Arm Make(string name, GanOptions options) => new(name, (seed, prog) =>
    {
        Kit.Init();
        using var pool = Synthetic.GaussianRing(20000, seed: 100 + seed);
        torch.manual_seed(seed);
        using var g = Models.Generator();
        using var d = Models.Critic();
        var h = GanTrainer.Fit(g, d, pool, options with { Seed = seed, Name = $"{name}, seed {seed}" }, Synthetic.RingCentres(), prog);
        var est = h.Checkpoints.Select(c => c.LossEstimate).ToArray();
        var sw = h.Checkpoints.Select(c => c.SlicedWasserstein).ToArray();
        var metrics = new Dictionary<string, double>
        {
            ["spearman_estimate_vs_distance"] = Metrics.Spearman(est, sw),
            ["final_sliced_w"] = sw[^1],
            ["final_modes"] = h.Checkpoints[^1].ModesCovered,
            ["seconds"] = h.Seconds,
        };
        var series = new Dictionary<string, IReadOnlyList<double>>
        {
            ["iteration"] = h.Checkpoints.Select(c => (double)c.Iteration).ToArray(),
            ["estimate"] = est, ["sliced_w"] = sw,
            ["modes"] = h.Checkpoints.Select(c => (double)c.ModesCovered).ToArray(),
        };
        return new RunRecord(name, seed, metrics, Series: series);
    });

    /// <summary>GAN vs WGAN-GP over the seeds.</summary>
    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null) =>
        Experiment.Run("wgan", new[] { Make(Gan, GanSettings(settings)), Make(Gp, GpSettings(settings)) }, settings, progress);

    /// <summary>WGAN with weight clipping (RMSProp 1e-3, c 0.05, n_critic 5, 3,000 iterations), every seed (full mode only in the notebook).</summary>
    public static ExperimentResult RunClipping(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null) =>
        Experiment.Run("wgan-clip", new[] { Make(Clip, ClipSettings(settings)) }, settings, progress);
}
