using TorchSharp;
using static TorchSharp.torch;

namespace Tricks.Lab.SkipConnection;

/// <summary>
/// Skip connections (He et al. 2016) against the degradation of deep plain networks: BN-MLPs of width 64, 8 and 32
/// blocks deep, plain and residual, on 10,000 Fashion-MNIST images, SGD with momentum 0.9, each net at its own rate from
/// the <see cref="Sweep"/>, 350 steps of batch 64 (full mode: 30,000 images, 1,500 steps). BN-MLPs rather than He et
/// al.'s conv nets, for the budget: one 3 x 3 conv block of 16 channels on 28 x 28 images is 16 x 16 x 9 x 784 = 1.8
/// million multiply-adds per image, against 64 x 64 = 4,096 for a block of this MLP, so 32 conv blocks would not fit the
/// minute a notebook has on 2 cores. The measure is the training loss over the last 10% of the steps (degradation is an
/// optimisation problem, not overfitting); <see cref="LateLossDrop"/> shows whether that loss has levelled. The controls
/// are the paper's own: at a shallow depth plain and residual nets train alike, and a deeper residual net is not worse
/// than a shallower one.
/// </summary>
public static class SkipConnectionExperiment
{
    /// <summary>The arm names, as results and charts show them.</summary>
    public const string Plain8 = "plain, 8 blocks", Residual8 = "residual, 8 blocks", Plain32 = "plain, 32 blocks", Residual32 = "residual, 32 blocks";

    /// <summary>The metric <c>late_batch_loss</c>: training loss over the last 10% of the steps (nats).</summary>
    public static readonly Metric LateBatchLoss = new("late_batch_loss", "training loss over the last 10% of the steps (nats)", HigherIsBetter: false);

    /// <summary>The largest ratio of residual-32's late training loss to plain-32's claimed (chosen on seeds 3-5: docs/design-log.md).</summary>
    public const double MaxLossRatio = 0.5;

    /// <summary>The least rise of the late training loss from plain-8 to plain-32, in nats (chosen on seeds 3-5: docs/design-log.md).</summary>
    public const double MinDegradation = 0.3;

    /// <summary>
    /// The metric <c>late_loss_drop</c>: the training loss over the ninth tenth of the steps minus that over the last
    /// tenth (nats): near 0 once the loss has levelled.
    /// </summary>
    public static readonly Metric LateLossDrop = new("late_loss_drop", "training loss over the ninth tenth of the steps minus the last tenth's (nats; near 0: levelled)", HigherIsBetter: false);

    /// <summary>The depths, in blocks.</summary>
    public const int Shallow = 8, Deep = 32;

    /// <summary>
    /// Each arm's rate, chosen by the <see cref="Sweep"/> on the tuning seeds 1000-1004 (docs/design-log.md): (name,
    /// depth, residual, rate).
    /// </summary>
    public static readonly IReadOnlyList<(string Name, int Depth, bool Residual, double Rate)> Nets = new[]
    {
        (Plain8, Shallow, false, 0.005), (Residual8, Shallow, true, 0.01), (Plain32, Deep, false, 0.005), (Residual32, Deep, true, 0.01),
    };

    /// <summary>The step budget (batch 64).</summary>
    public static int Budget(ExperimentSettings settings) => settings.Pick(350, 1500);

    /// <summary>The arms: plain and residual at 8 blocks, then at 32, each at its rate.</summary>
    public static IReadOnlyList<Arm> Arms(ExperimentSettings settings) =>
        Nets.Select(n => MakeArm(settings, n.Name, n.Depth, n.Residual, n.Rate)).ToArray();

    /// <summary>The rates the <see cref="Sweep"/> tries for each net.</summary>
    public static readonly IReadOnlyList<double> SweepRates = new[] { 0.0025, 0.005, 0.01, 0.02, 0.04, 0.08 };

    /// <summary>
    /// The rate sweep (the twin's <c>--sweep</c>, on tuning seeds): each net at each of <see cref="SweepRates"/>. What is
    /// compared is how well each net trains, so the sweep reads the training loss, the claims' own measure.
    /// </summary>
    public static Sweep Sweep { get; } = new(settings =>
            Nets.SelectMany(n => SweepRates.Select(lr => MakeArm(settings, $"{n.Name}, lr {lr}", n.Depth, n.Residual, lr))).ToArray(),
        new[] { LateBatchLoss, LateLossDrop },
        "for each net, the rate with the lowest mean late training loss (the training loss is what the claims compare: no validation split)");

    /// <summary>One arm: the BN-MLP of <paramref name="depth"/> blocks, plain or residual, SGD with momentum 0.9 at <paramref name="lr"/>.</summary>
    private static Arm MakeArm(ExperimentSettings settings, string name, int depth, bool residual, double lr)
    {
        Func<int, LabeledData> train = seed => FashionSubsets.Train(seed, settings.Pick(10000, 30000), settings.DataPath);
        var test = FashionSubsets.Test(2000, settings.DataPath);
        return ClassifierArm.Create(name, () => Models.DeepStack(784, 64, depth, 10, residual), train, test, new TrainingOptions
        {
            Epochs = 100, MaxSteps = Budget(settings), BatchSize = 64, Evaluate = false,
            Schedule = Schedules.Constant(lr), Optimizer = (ps, rate) => Optimizers.Sgd(ps, rate, momentum: 0.9),
        },
        after: r =>
        {
            var loss = r.History!.StepLoss;
            int tenth = loss.Count / 10;
            double last = loss.Skip(loss.Count - tenth).Average();
            r.Set(LateBatchLoss, last);
            r.Set(LateLossDrop, loss.Skip(loss.Count - 2 * tenth).Take(tenth).Average() - last);
        });
    }

    /// <summary>
    /// At 32 blocks the residual net's late training loss is at most <see cref="MaxLossRatio"/> of the plain net's
    /// (negative control: not so at 8 blocks); the plain net degrades from 8 to 32 blocks (negative control: the
    /// residual net does not).
    /// </summary>
    public static IReadOnlyList<Claim> Claims(ExperimentResult r) => new[]
    {
        Claim.Paired(r, "at 32 blocks the residual net trains far better than the plain one", Verdict.Reproduced, new PairedTest(LateBatchLoss, Effect.Ratio, MaxLossRatio),
            Residual32, Plain32, Residual8, Plain8, "at 8 blocks plain and residual nets train alike")
            with { Paper = "He et al.: deeper plain nets have higher training error; residual nets do not (CIFAR-10, ImageNet)" },
        Claim.Paired(r, "the plain net degrades from 8 to 32 blocks", Verdict.Reproduced, new PairedTest(LateBatchLoss, Effect.Gain, MinDegradation),
            Plain8, Plain32, Residual8, Residual32, "a deeper residual net is not worse")
            with { Paper = "He et al. Fig. 1: 56-layer plain net, higher CIFAR-10 training error than the 20-layer one" },
    };
}
