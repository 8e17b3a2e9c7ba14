using TorchSharp;
using static TorchSharp.torch;

namespace Tricks.Lab.Dropout;

/// <summary>
/// Dropout (Srivastava et al. 2014) against overfitting: an MLP 784-512-512-10 on 1,000 Fashion-MNIST images drawn
/// per seed (full mode: 5,000), 1,000 test images (full: 10,000), Adam 1e-3, batch 64, trained long enough to memorise them,
/// without dropout (the baseline), without dropout from another initialisation (the A/A noise floor), and with dropout
/// (0.2 on the inputs, 0.5 on every hidden layer, as in the paper). Same data order and initial weights per seed
/// (dropout has no parameters).
/// </summary>
public static class DropoutExperiment
{
    /// <summary>The arm names, as results and charts show them.</summary>
    public const string None = "no dropout", Half = "dropout p=0.5";

    /// <summary>The baseline repeated with another initialisation: the noise floor.</summary>
    public static readonly string NoneNoise = $"{None} (A/A: other init)";

    /// <summary>The least mean shrink of the train-test accuracy gap claimed (docs/design-log.md).</summary>
    public const double MinGapShrink = 0.03;

    /// <summary>
    /// The least mean test cross-entropy gain over the plain net stopped early claimed in full mode (nats; chosen on tuning
    /// seeds 1220-1229, where the plain net's A/A pair moved by +0.005 [-0.009, +0.020]: docs/design-log.md, session 12).
    /// </summary>
    public const double MinEarlyStoppedNllGain = 0.02;

    /// <summary>
    /// MLP 784-w-w-10; with dropout, the paper's placement: p_in = 0.2 on the inputs and p on every hidden layer.
    /// Dropout has no parameters, so with the same seed both variants start from the same weights.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Model(int width, double p) => p == 0
        ? Models.Mlp(new[] { 784, width, width, 10 })
        : nn.Sequential(("input_dropout", Layers.Dropout(0.2)), ("mlp", Models.Mlp(new[] { 784, width, width, 10 }, dropout: p)));

    /// <summary>The validation split each seed draws after its training images, for early stopping.</summary>
    public static int ValidationCount(ExperimentSettings settings) => settings.Pick(1000, 5000);

    /// <summary>The arms: baseline, its A/A twin, dropout; each measured on its seed's validation split every 3 epochs, to be read as stopped early.</summary>
    public static IReadOnlyList<Arm> Arms(ExperimentSettings settings)
    {
        int n = settings.Pick(1000, 5000);
        Func<int, LabeledData> train = seed => FashionSubsets.Train(seed, n, settings.DataPath);
        var test = FashionSubsets.Test(settings.Pick(1000, 10000), settings.DataPath);
        int width = 512;
        var options = new TrainingOptions
        {
            Epochs = settings.Pick(18, 30), BatchSize = 64, Evaluate = true, EvaluateEvery = 3,
            Optimizer = (ps, rate) => Optimizers.Adam(ps, rate), Schedule = Schedules.Constant(1e-3),
        };
        Arm Make(string name, double p) => ClassifierArm.Create(name, () => Model(width, p), train, test, options,
            callbacks: run => new TrainingCallback[] { EarlyStopped.Callback(settings, run.Seeds.Seed, n, ValidationCount(settings)) },
            after: EarlyStopped.Record);
        var none = Make(None, 0);
        return new[] { none, Arm.NoiseFloor(none, NoneNoise), Make(Half, 0.5) };
    }

    /// <summary>
    /// The mechanism, against the plain net at its last epoch: dropout shrinks the train-test accuracy gap, against the
    /// A/A noise floor. Against the strongest plain baseline, the plain net stopped early on a validation split (each arm
    /// read at the epoch its own validation loss picks), nothing is asserted: its gains in test accuracy and test
    /// cross-entropy came out inconclusive on the CI seeds 20-24 after not-reproduced verdicts on the tuning and
    /// confirmation seeds (docs/design-log.md); five seeds cannot settle them, and the notebook shows both with their
    /// intervals. Full mode (ten seeds, 5,000 images) claims the test cross-entropy against the early-stopped plain net,
    /// at least <see cref="MinEarlyStoppedNllGain"/>: expected reproduced (tuning seeds 1220-1229: +0.048 [+0.028, +0.067]).
    /// </summary>
    public static IReadOnlyList<Claim> Claims(ExperimentResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var gap = Claim.Paired(r, "dropout shrinks the train-test accuracy gap", Verdict.Reproduced,
            new PairedTest(ClassifierMetrics.AccuracyGap, Effect.Gain, MinGapShrink), Half, None, NoneNoise) with { Paper = "the paper's motivation: less overfitting" };
        if (r.Settings.Mode != RunMode.Full) return new[] { gap };
        var early = Claim.Paired(r, "dropout beats the plain net stopped early, on test cross-entropy", Verdict.Reproduced,
            new PairedTest(EarlyStopped.TestNll, Effect.Gain, MinEarlyStoppedNllGain), Half, None, NoneNoise)
            with { Paper = "Srivastava et al. Table 2: MNIST test error 1.60% without dropout, 1.25% with it" };
        return new[] { gap, early };
    }
}
