using TorchSharp;
using static TorchSharp.torch;

namespace Tricks.Lab.SkipConnection;

/// <summary>
/// Skip connections (He et al. 2016) against the degradation of deep plain networks: BN-MLPs of width 64, 8 and 32
/// blocks deep, plain and residual, on 10,000 Fashion-MNIST images, SGD 0.01 with momentum 0.9, 450 steps of batch 64
/// (full mode: 30,000 images, 1,500 steps; the quick budget checked on seeds 3-5, 6-8 and 9-11).
/// The measure is the training loss over the last 10% of the steps (degradation is an optimisation problem, not
/// overfitting). The controls are the paper's own: at a shallow depth plain and residual nets train alike, and a
/// deeper residual net is not worse than a shallower one.
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

    /// <summary>The arms: plain and residual at 8 blocks, then at 32.</summary>
    public static IReadOnlyList<Arm> Arms(ExperimentSettings settings)
    {
        Func<int, LabeledData> train = seed => FashionSubsets.Train(seed, settings.Pick(10000, 30000), settings.DataPath);
        var test = FashionSubsets.Test(2000, settings.DataPath);
        int steps = settings.Pick(450, 1500);
        Arm Make(string name, int depth, bool residual) => ClassifierArm.Create(name, () => Models.DeepStack(784, 64, depth, 10, residual), train, test, new TrainingOptions
        {
            Epochs = 100, MaxSteps = steps, BatchSize = 64, Evaluate = false,
            Schedule = Schedules.Constant(0.01), Optimizer = (ps, rate) => Optimizers.Sgd(ps, rate, momentum: 0.9),
        },
        after: r => r.Set(LateBatchLoss, r.History!.StepLoss.Skip(r.History.StepLoss.Count * 9 / 10).Average()));
        return new[] { Make(Plain8, 8, false), Make(Residual8, 8, true), Make(Plain32, 32, false), Make(Residual32, 32, true) };
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
