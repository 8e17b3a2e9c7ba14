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

    /// <summary>The least mean test-accuracy gain, both arms stopped early: 2 points, about a tenth of the plain net's error here (the paper cut it by a fifth).</summary>
    public const double MinAccuracyGain = 0.02;

    /// <summary>The verdict expected for test accuracy against the early-stopped plain net (declared before the confirming run).</summary>
    public const Verdict ExpectedAccuracy = Verdict.NotReproduced;

    /// <summary>The least mean shrink of the train-test accuracy gap claimed (docs/design-log.md).</summary>
    public const double MinGapShrink = 0.03;

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
            Epochs = settings.Pick(25, 30), BatchSize = 64, Evaluate = true, EvaluateEvery = 3,
            Optimizer = (ps, rate) => Optimizers.Adam(ps, rate), Schedule = Schedules.Constant(1e-3),
        };
        Arm Make(string name, double p) => ClassifierArm.Create(name, () => Model(width, p), train, test, options,
            callbacks: run => new TrainingCallback[] { EarlyStopped.Callback(settings, run.Seeds.Seed, n, ValidationCount(settings)) },
            after: EarlyStopped.Record);
        var none = Make(None, 0);
        return new[] { none, Arm.NoiseFloor(none, NoneNoise), Make(Half, 0.5) };
    }

    /// <summary>
    /// The strongest plain baseline is the plain net stopped early on a validation split (each arm is read at the epoch
    /// its own validation loss picks): dropout against it on test accuracy (the paper's headline, as error). Its gain in
    /// test cross-entropy over the early-stopped plain net is shown, not claimed: it came out inconclusive on the CI
    /// seeds 20-24 after not-reproduced verdicts on 100-104 and 200-204 (docs/design-log.md). The mechanism, against the
    /// plain net at its last epoch: dropout shrinks the train-test accuracy gap. Each against the A/A noise floor.
    /// </summary>
    public static IReadOnlyList<Claim> Claims(ExperimentResult r) => new[]
    {
        Claim.Paired(r, "dropout beats the early-stopped plain net on test accuracy", ExpectedAccuracy,
            new PairedTest(EarlyStopped.TestAccuracy, Effect.Gain, MinAccuracyGain), Half, None, NoneNoise) with { Paper = "MNIST MLP error 1.60% -> 1.25% (a 22% relative cut)" },
        Claim.Paired(r, "dropout shrinks the train-test accuracy gap", Verdict.Reproduced,
            new PairedTest(ClassifierMetrics.AccuracyGap, Effect.Gain, MinGapShrink), Half, None, NoneNoise) with { Paper = "the paper's motivation: less overfitting" },
    };
}
