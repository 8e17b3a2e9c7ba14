using System.Runtime.CompilerServices;
using TricksKit.Data;
using static TorchSharp.torch;

namespace Tricks.Lab.BagOfTricks;

/// <summary>
/// The bag of tricks (He et al., CVPR 2019, Table 1, scaled down): <see cref="Models.ResNetLite"/> (width 8) on
/// Fashion-MNIST at 14x14 (2x2 average-pooled, for speed), SGD with momentum 0.9, batch 32; quick mode 3,000 training
/// images, 3 epochs, 2,000 test images; full mode 10,000 images, 5 epochs, 10,000 test images. The baseline is the plain
/// net of the 1990s (tanh, Xavier init, no norm, no skips, no dropout, constant rate, cross-entropy); the kit's
/// classification tricks are added one at a time (<see cref="ClassifierTricks.Standard"/>), each stage at the rate its
/// sweep chose on validation data (<see cref="StageRates"/>, docs/design-log.md), then each is left out of the full stack
/// at the full stack's rate. Focal loss and the WGAN do not apply to a balanced classifier; flooding does not apply at this
/// budget (the training loss never nears a flood level).
/// </summary>
public static class BagOfTricksExperiment
{
    /// <summary>The tricks, in stacking order.</summary>
    public static IReadOnlyList<Trick> Tricks => ClassifierTricks.Standard;

    /// <summary>The candidate rates of the sweep.</summary>
    public static readonly IReadOnlyList<double> SweepRates = new[] { 0.01, 0.02, 0.05, 0.1, 0.2 };

    /// <summary>
    /// Each cumulative stage's peak rate, the baseline's first: the sweep's choice on validation data, tuning seeds
    /// 1400-1404 (docs/design-log.md, "Session 14: the bag of tricks declared"): 0.02 for every stage.
    /// </summary>
    public static readonly IReadOnlyList<double> StageRates = new[] { 0.02, 0.02, 0.02, 0.02, 0.02, 0.02, 0.02 };

    /// <summary>
    /// The paired gain in test accuracy tested: He et al.'s total, 79.29 - 75.3 = 3.99 points of top-1 (Table 1, as
    /// quoted in issue #23). On the tuning seeds the full stack added well under a point at this scale, so the claim is
    /// declared not reproduced (docs/design-log.md).
    /// </summary>
    public const double HeEtAlGain = (79.29 - 75.3) / 100;

    /// <summary>The image side after pooling.</summary>
    public const int Size = 14;

    /// <summary>Training images per seed.</summary>
    public static int TrainCount(ExperimentSettings settings) => settings.Pick(3000, 10000);

    /// <summary>The model factory: <see cref="Models.ResNetLite"/> of a <see cref="Network"/>.</summary>
    public static nn.Module<Tensor, Tensor> Model(Network n) =>
        Models.ResNetLite(width: 8, activation: n.Activation, init: n.Init, norm: n.Norm, skip: n.Skip, dropout: n.Dropout, size: Size);

    /// <summary>The baseline recipe, evaluated on <paramref name="evaluation"/> (the test set, or a validation split for the sweep).</summary>
    public static Recipe Baseline(ExperimentSettings settings, Func<int, LabeledData> evaluation)
    {
        int n = TrainCount(settings);
        return new Recipe(Model, seed => Pooled(FashionSubsets.Train(seed, n, settings.DataPath)), evaluation, n, flatten: false)
        {
            Epochs = settings.Pick(3, 5), BatchSize = 32,
        };
    }

    /// <summary>The ablation: cumulative at <see cref="StageRates"/>, and leave-one-out, on the test images.</summary>
    public static Ablation AblationOf(ExperimentSettings settings)
    {
        var test = Pooled(FashionSubsets.Test(settings.Pick(2000, 10000), settings.DataPath));
        return new Ablation(Baseline(settings, _ => test), Tricks, StageRates);
    }

    private static readonly ConditionalWeakTable<ExperimentResult, AblationTable> Tables = new();

    /// <summary>The table of a result of this study (<see cref="AblationOf"/> its settings), built once per result: the claims, the summary and the figures read the same one.</summary>
    public static AblationTable Table(ExperimentResult result) =>
        Tables.GetValue(result ?? throw new ArgumentNullException(nameof(result)), r => AblationOf(r.Settings).Table(r));

    /// <summary>The arms of <see cref="AblationOf"/>.</summary>
    public static IReadOnlyList<Arm> Arms(ExperimentSettings settings) => AblationOf(settings).Arms();

    /// <summary>The sweep: every cumulative stage at every rate of <see cref="SweepRates"/>, on a validation split of 1,000 images per seed.</summary>
    public static Sweep Sweep { get; } = new(settings =>
        {
            int n = TrainCount(settings);
            var recipe = Baseline(settings, seed => Pooled(FashionSubsets.Validation(seed, n, 1000, settings.DataPath)));
            return Ablation.Cumulative(recipe, Tricks)
                .SelectMany(s => SweepRates.Select(rate => (s.Recipe with { Rate = rate }).ToArm($"{s.Name}, lr {Estimate.Format(rate)}"))).ToArray();
        },
        new[] { ClassifierMetrics.TestAccuracy, ClassifierMetrics.TestNll },
        "for each stage, the rate with the highest mean validation accuracy");

    /// <summary>
    /// The full stack adds He et al.'s gain (<see cref="HeEtAlGain"/>) in test accuracy over the baseline: declared not
    /// reproduced at this scale, against the A/A noise floor of the baseline.
    /// </summary>
    public static IReadOnlyList<Claim> Claims(ExperimentResult r) => new[]
    {
        Table(r).Ablation.FullStackClaim(r, ClassifierMetrics.TestAccuracy, HeEtAlGain, Verdict.NotReproduced)
            with { Paper = "He et al. 2019, Table 1: ResNet-50 on ImageNet, 75.3 to 79.29 top-1 with every trick (as quoted in issue #23)" },
    };

    private static readonly ConditionalWeakTable<LabeledData, LabeledData> PooledCache = new();

    /// <summary><paramref name="data"/> (N, 1, 28, 28) average-pooled 2x2 to (N, 1, 14, 14), cached per source set (shared: do not dispose).</summary>
    public static LabeledData Pooled(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (PooledCache)
        {
            if (PooledCache.TryGetValue(data, out var pooled)) return pooled;
            using var scope = NewDisposeScope();
            var x = nn.functional.avg_pool2d(data.Features.reshape(data.Count, 1, 28, 28), 2).DetachFromDisposeScope();
            pooled = new LabeledData(x, data.Labels.clone().DetachFromDisposeScope(), data.ClassNames, $"{data.Name} (14x14)");
            PooledCache.Add(data, pooled);
            return pooled;
        }
    }
}
