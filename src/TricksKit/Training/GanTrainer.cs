using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Training;

/// <summary>Which GAN objective to train.</summary>
public enum GanKind
{
    /// <summary>The standard (non-saturating) GAN of Goodfellow et al. 2014: binary cross-entropy on logits.</summary>
    Standard,
    /// <summary>WGAN with weight clipping (Arjovsky et al. 2017).</summary>
    WganClip,
    /// <summary>WGAN with gradient penalty (Gulrajani et al. 2017).</summary>
    WganGp,
}

/// <summary>Settings of a GAN run. Defaults follow the WGAN-GP paper where they apply. Immutable; change with <c>with</c>.</summary>
public sealed record GanOptions
{
    /// <summary>Which GAN: standard, WGAN with clipping, or WGAN-GP.</summary>
    public GanKind Kind { get; init; } = GanKind.WganGp;
    /// <summary>Generator updates.</summary>
    public int Iterations { get; init; } = 1000;
    /// <summary>Samples per critic and generator batch.</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>Width of the generator's noise input.</summary>
    public int Noise { get; init; } = 8;
    /// <summary>Critic updates per generator update.</summary>
    public int NCritic { get; init; } = 5;

    /// <summary>The rate of both optimizers.</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Adam's beta1 and beta2 (ignored with clipping, which uses RMSProp as in the paper).</summary>
    public double Beta1 { get; init; } = 0.5;
    /// <summary>Adam's beta2.</summary>
    public double Beta2 { get; init; } = 0.9;
    /// <summary>The clip value c for <see cref="GanKind.WganClip"/>.</summary>
    public double Clip { get; init; } = 0.01;
    /// <summary>The penalty weight lambda for <see cref="GanKind.WganGp"/>.</summary>
    public double Lambda { get; init; } = 10;
    /// <summary>Evaluate every this many iterations (and at the end).</summary>
    public int EvaluateEvery { get; init; } = 50;
    /// <summary>Samples drawn at each evaluation to compare with the data.</summary>
    public int EvalSamples { get; init; } = 2000;
    /// <summary>The seed of the noise, the batches and the initial weights drawn after it is set.</summary>
    public int Seed { get; init; }
    /// <summary>Names the run in progress reports and errors.</summary>
    public string Name { get; init; } = "gan";
    /// <summary>Stop with <see cref="TrainingDivergedException"/> when a loss exceeds this in magnitude (or is NaN).</summary>
    public double DivergenceBound { get; init; } = 1e6;
}

/// <summary>
/// What a GAN looked like at one evaluation during training: the critic's own estimate of the distance (W for WGAN,
/// <c>ln 2 - (L_real + L_fake) / 2</c>, a Jensen-Shannon estimate, for the standard GAN), the sliced Wasserstein
/// distance of generated samples to the data, and the modes they cover.
/// </summary>
public sealed record GanEvaluation(int Iteration, double LossEstimate, double SlicedWasserstein, int ModesCovered)
{
    /// <summary>The first <see cref="GanTrainer.SamplesKept"/> generated points of the evaluation, row-major (x0, y0, x1, y1, ...) for 2-D data.</summary>
    public IReadOnlyList<double> Samples { get; init; } = Array.Empty<double>();
}

/// <summary>The record of a GAN run.</summary>
public sealed record GanHistory(string Name, GanKind Kind, IReadOnlyList<double> CriticLoss, IReadOnlyList<double> GeneratorLoss,
    IReadOnlyList<GanEvaluation> Evaluations, double Seconds);

/// <summary>The kit's GAN loop: n_critic critic steps per generator step, weight clipping or gradient penalty, evaluations.</summary>
public static class GanTrainer
{
    /// <summary>How many generated points each evaluation keeps for drawing.</summary>
    public const int SamplesKept = 256;

    /// <summary>
    /// Trains <paramref name="generator"/> (noise to points) against <paramref name="critic"/> (points to one score)
    /// on batches drawn from <paramref name="realPool"/> (N, d). <paramref name="modeCentres"/>, when given, are used
    /// to count the modes covered at each evaluation (within 0.2, at least 1% of the samples).
    /// </summary>
    /// <param name="generator">maps (N, noise) to (N, d).</param>
    /// <param name="critic">maps (N, d) to (N, 1) scores.</param>
    /// <param name="realPool">the data, (N, d), on the models' device.</param>
    /// <param name="modeCentres">the data's modes, to count those covered (or null).</param>
    /// <param name="options">the run's settings (default <see cref="GanOptions"/>'s).</param>
    /// <param name="progress">told after every generator step.</param>
    public static GanHistory Fit(nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, Tensor realPool,
        GanOptions? options = null, IReadOnlyList<(double X, double Y)>? modeCentres = null, IProgress<TrainingProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(critic);
        Check.Dims(realPool, nameof(realPool), 2);
        Check.NotEmpty(realPool, nameof(realPool));
        var o = options ?? new GanOptions();
        Check.Positive(o.Iterations, "Iterations"); Check.Positive(o.BatchSize, "BatchSize"); Check.Positive(o.Noise, "Noise");
        Check.Positive(o.NCritic, "NCritic"); Check.Positive(o.LearningRate, "LearningRate"); Check.Positive(o.EvaluateEvery, "EvaluateEvery");
        Check.Positive(o.EvalSamples, "EvalSamples");
        if (o.Kind == GanKind.WganClip) Check.Positive(o.Clip, "Clip");
        if (o.Kind == GanKind.WganGp) Check.AtLeast(o.Lambda, 0, "Lambda");
        Kit.Init();
        var loop = new TrainingLoop(o.Name, o.Seed, o.Iterations, o.DivergenceBound, progress);
        using var optG = o.Kind == GanKind.WganClip ? Optimizers.RmsProp(generator.parameters(), o.LearningRate)
            : Optimizers.Adam(generator.parameters(), o.LearningRate, o.Beta1, o.Beta2);
        using var optD = o.Kind == GanKind.WganClip ? Optimizers.RmsProp(critic.parameters(), o.LearningRate)
            : Optimizers.Adam(critic.parameters(), o.LearningRate, o.Beta1, o.Beta2);
        long poolSize = realPool.shape[0];
        var criticLoss = new List<double>(o.Iterations);
        var generatorLoss = new List<double>(o.Iterations);
        var evaluations = new List<GanEvaluation>();
        using var evalReal = realPool.index_select(0, randint(0, poolSize, o.EvalSamples, device: realPool.device));
        for (int it = 1; it <= o.Iterations; it++)
        {
            double dLoss = 0;
            for (int k = 0; k < o.NCritic; k++)
            {
                using var scope = NewDisposeScope();
                var real = realPool.index_select(0, randint(0, poolSize, o.BatchSize, device: realPool.device));
                var fake = generator.call(randn(o.BatchSize, o.Noise, device: realPool.device)).detach();
                var sReal = critic.call(real).squeeze(1);
                var sFake = critic.call(fake).squeeze(1);
                var loss = o.Kind == GanKind.Standard
                    ? Safe.Plus(nn.functional.binary_cross_entropy_with_logits(sReal, ones_like(sReal)), nn.functional.binary_cross_entropy_with_logits(sFake, zeros_like(sFake)))
                    : Wgan.CriticLoss(sReal, sFake);
                if (o.Kind == GanKind.WganGp) loss = Safe.Plus(loss, Wgan.GradientPenalty(x => critic.call(x).squeeze(1), real, fake, o.Lambda));
                optD.zero_grad();
                loss.backward();
                optD.step();
                if (o.Kind == GanKind.WganClip) Wgan.ClipWeights(critic, o.Clip);
                dLoss = loss.ItemAsDouble();
            }
            double gLoss;
            using (var scope = NewDisposeScope())
            {
                var sFake = critic.call(generator.call(randn(o.BatchSize, o.Noise, device: realPool.device))).squeeze(1);
                var loss = o.Kind == GanKind.Standard
                    ? nn.functional.binary_cross_entropy_with_logits(sFake, ones_like(sFake))
                    : Wgan.GeneratorLoss(sFake);
                optG.zero_grad();
                loss.backward();
                optG.step();
                gLoss = loss.ItemAsDouble();
            }
            loop.Guard(it, dLoss);
            loop.Guard(it, gLoss);
            criticLoss.Add(dLoss);
            generatorLoss.Add(gLoss);
            if (it % o.EvaluateEvery == 0 || it == o.Iterations) evaluations.Add(Evaluate(it, generator, critic, evalReal, o, modeCentres));
            loop.Report(it, 0, dLoss, null);
        }
        return new GanHistory(o.Name, o.Kind, criticLoss, generatorLoss, evaluations, loop.Seconds);
    }

    /// <summary>
    /// The standard GAN's own distance estimate from its discriminator's logits on real and fake samples:
    /// <c>ln 2 - (L_real + L_fake) / 2</c> with the binary cross-entropies of the discriminator (Goodfellow et al.: at
    /// the optimal discriminator this is the Jensen-Shannon divergence). 0 for a discriminator that cannot tell them
    /// apart, ln 2 for one that tells them apart perfectly.
    /// </summary>
    public static double JensenShannonEstimate(Tensor realLogits, Tensor fakeLogits)
    {
        using var scope = NewDisposeScope();
        return Math.Log(2) - 0.5 * (nn.functional.binary_cross_entropy_with_logits(realLogits, ones_like(realLogits)).ItemAsDouble()
                                    + nn.functional.binary_cross_entropy_with_logits(fakeLogits, zeros_like(fakeLogits)).ItemAsDouble());
    }

    private static GanEvaluation Evaluate(int it, nn.Module<Tensor, Tensor> generator, nn.Module<Tensor, Tensor> critic, Tensor evalReal,
        GanOptions o, IReadOnlyList<(double X, double Y)>? centres)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var fake = generator.call(randn(evalReal.shape[0], o.Noise, device: evalReal.device));
        var sReal = critic.call(evalReal).squeeze(1);
        var sFake = critic.call(fake).squeeze(1);
        double estimate = o.Kind == GanKind.Standard ? JensenShannonEstimate(sReal, sFake)
            : sReal.mean().ItemAsDouble() - sFake.mean().ItemAsDouble();
        double sw = Metrics.SlicedWasserstein(fake, evalReal, 64, seed: 0);
        int modes = centres is null || fake.shape[1] != 2 ? 0 : Metrics.ModesCovered(fake, centres);
        return new GanEvaluation(it, estimate, sw, modes) { Samples = Metrics.Doubles(fake.narrow(0, 0, Math.Min(SamplesKept, fake.shape[0]))) };
    }
}
