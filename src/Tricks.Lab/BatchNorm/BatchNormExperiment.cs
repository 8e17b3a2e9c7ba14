using TorchSharp;
using TorchSharp.Modules;
using TricksKit.Data;
using static TorchSharp.torch;

namespace Tricks.Lab.BatchNorm;

/// <summary>
/// Batch normalization (Ioffe and Szegedy 2015), the paper's MNIST set-up on Fashion-MNIST: an MLP 784-100-100-100-10
/// with sigmoid units and default initialisation, with and without BN before each sigmoid; plain SGD, batch 60, test
/// accuracy every 25 steps (on 1,000 test images in quick mode). Each net at its best rate from the <see cref="Sweep"/> on
/// validation data (the plain net at 2, BN at 0.5; 1,000 steps, full 6,000; BN is also repeated from another
/// initialisation, the A/A noise floor), and both at 40 times BN's rate, 20 (1,500 steps).
/// </summary>
public static class BatchNormExperiment
{
    /// <summary>The arm names, as results and charts show them.</summary>
    public const string Plain = "no BN, lr 2", Bn = "BN, lr 0.5", PlainHigh = "no BN, lr 20", BnHigh = "BN, lr 20";

    /// <summary>The plain net's best rate and BN's, chosen by the <see cref="Sweep"/> on seeds 700-704 (docs/design-log.md).</summary>
    public const double PlainRate = 2, BnRate = 0.5;

    /// <summary>BN at the rate 0.5 repeated with another initialisation: the noise floor of the steps to the target.</summary>
    public static readonly string BnNoise = $"{Bn} (A/A: other init)";

    /// <summary>The test accuracy whose first crossing is timed.</summary>
    public const double Target = 0.80;

    /// <summary>How often test accuracy is measured, in steps.</summary>
    public const int EvaluateEvery = 25;

    /// <summary>The least factor by which BN cuts the steps to the target (chosen on seeds 3-5: docs/design-log.md).</summary>
    public const double MinSpeedUp = 3;

    /// <summary>The metric <c>steps_to_80</c>: training steps to 80% test accuracy (null: not reached).</summary>
    public static readonly Metric StepsToTarget = new("steps_to_80", "training steps to 80% test accuracy (null: not reached)", HigherIsBetter: false);
    /// <summary>The metric <c>best_test_accuracy</c>: best test accuracy seen (fraction).</summary>
    public static readonly Metric BestTestAccuracy = new("best_test_accuracy", "best test accuracy seen (fraction)");
    /// <summary>The metric <c>final_test_accuracy</c>: test accuracy at the last step (fraction).</summary>
    public static readonly Metric FinalTestAccuracy = new("final_test_accuracy", "test accuracy at the last step (fraction)");

    /// <summary>The 784-100-100-100-10 sigmoid MLP of the paper's Figure 1, with batch norm before each sigmoid when <paramref name="bn"/>.</summary>
    public static nn.Module<Tensor, Tensor> Model(bool bn) =>
        Models.Mlp(new[] { 784, 100, 100, 100, 10 }, Activation.Sigmoid, Init.Default, bn ? Norm.BatchNorm : Norm.None);

    /// <summary>The percentiles of one sigmoid unit's input drawn over training (Ioffe and Szegedy, Fig. 1 b-c).</summary>
    public static readonly IReadOnlyList<double> InputPercentiles = new[] { 0.15, 0.50, 0.85 };

    /// <summary>The series <c>sigmoid_input_p15</c>, <c>_p50</c>, <c>_p85</c>: those percentiles at every evaluated step.</summary>
    public static readonly IReadOnlyList<Series> SigmoidInput = InputPercentiles
        .Select(q => new Series($"sigmoid_input_p{q * 100:F0}", $"{q * 100:F0}th percentile of one sigmoid's input at each evaluated step")).ToArray();

    /// <summary>
    /// The <see cref="InputPercentiles"/> of the input to the first sigmoid of the last hidden layer (after BN where
    /// there is one), over the test images, in evaluation mode: the distribution Ioffe and Szegedy watch drift.
    /// </summary>
    public static IReadOnlyList<double> SigmoidInputPercentiles(Sequential model, LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        bool was = model.training;
        model.eval();
        var layers = model.children().Cast<nn.Module<Tensor, Tensor>>().ToArray();
        int last = Array.FindLastIndex(layers, m => m is TorchSharp.Modules.Sigmoid);
        if (last < 0) throw new ArgumentException("model has no sigmoid unit.", nameof(model));
        var x = data.Flat();
        for (int i = 0; i < last; i++) x = layers[i].call(x);
        if (was) model.train();
        var unit = Metrics.Doubles(x.select(1, 0));
        Array.Sort(unit);
        return InputPercentiles.Select(q => unit[(int)Math.Round(q * (unit.Length - 1))]).ToArray();
    }

    /// <summary>The step budgets: at the chosen rates and at the rate 20.</summary>
    public static (int Steps, int HighSteps) Budgets(ExperimentSettings settings) => (settings.Pick(1000, 6000), settings.Pick(1500, 3000));

    /// <summary>The arms: no BN at its best rate (baseline) and BN at its own, BN's A/A twin, then both at 20.</summary>
    public static IReadOnlyList<Arm> Arms(ExperimentSettings settings)
    {
        var test = FashionSubsets.Test(settings.Pick(1000, 2000), settings.DataPath);
        var (steps, highSteps) = Budgets(settings);
        Arm Make(string name, bool bn, double lr, int budget) => MakeArm(settings, name, bn, lr, budget, _ => test);
        var bnArm = Make(Bn, true, BnRate, steps);
        return new[] { Make(Plain, false, PlainRate, steps), bnArm, Arm.NoiseFloor(bnArm, BnNoise), Make(PlainHigh, false, 20, highSteps), Make(BnHigh, true, 20, highSteps) };
    }

    /// <summary>The training-set size of every arm.</summary>
    public const int TrainCount = 10000;

    /// <summary>The rates the <see cref="Sweep"/> tries for each net.</summary>
    public static readonly IReadOnlyList<double> SweepRates = new[] { 0.5, 1, 2, 4, 8 };

    /// <summary>
    /// The rate sweep (run on tuning seeds with the twin's <c>--sweep</c>): the plain and the BN net at each of
    /// <see cref="SweepRates"/>, for the quick budget, timed to 80% accuracy on each seed's validation split (1,000
    /// images of the training data outside its sample). The design log records the rate it chose for each net.
    /// </summary>
    public static Sweep Sweep { get; } = new(settings =>
        {
            Func<int, LabeledData> validation = seed => FashionSubsets.Validation(seed, TrainCount, 1000, settings.DataPath);
            int steps = Budgets(settings).Steps;
            return new[] { false, true }.SelectMany(bn => SweepRates.Select(lr => MakeArm(settings, $"{(bn ? "BN" : "no BN")}, lr {lr}", bn, lr, steps, validation))).ToArray();
        },
        new[] { StepsToTarget, BestTestAccuracy },
        "for each net, the rate with the fewest median steps to 80% validation accuracy (ties: the higher best accuracy)");

    /// <summary>One arm: the net with or without BN, trained at <paramref name="lr"/> for <paramref name="budget"/> steps, evaluated on <paramref name="evaluation"/> every <see cref="EvaluateEvery"/> steps.</summary>
    private static Arm MakeArm(ExperimentSettings settings, string name, bool bn, double lr, int budget, Func<int, LabeledData> evaluation)
    {
        const int n = TrainCount;
        Func<int, LabeledData> train = seed => FashionSubsets.Train(seed, n, settings.DataPath);
        return ClassifierArm.Create(name, () => Model(bn), train, evaluation, new TrainingOptions
        {
            Epochs = Batches.Count(budget * 60, n), MaxSteps = budget, BatchSize = 60, Evaluate = false,
            Schedule = Schedules.Constant(lr), Optimizer = (ps, rate) => Optimizers.Sgd(ps, rate),
        },
        callbacks: run => new TrainingCallback[]
        {
            new StepEvaluation(run.Test, EvaluateEvery),
            Probe<IReadOnlyList<double>>.EverySteps(EvaluateEvery, m => SigmoidInputPercentiles((Sequential)m, run.Test)),
        },
        after: run =>
        {
            var eval = run.Callback<StepEvaluation>();
            var percentiles = run.Callback<Probe<IReadOnlyList<double>>>().Values;
            for (int q = 0; q < InputPercentiles.Count; q++) run.Set(SigmoidInput[q], percentiles.Select(p => p.Value[q]).ToArray());
            // A diverged run keeps the accuracies it reached; its steps to the target stay "not reached".
            run.Set(StepsToTarget, eval.StepsTo(Target, notReached: double.PositiveInfinity));
            run.Set(BestTestAccuracy, eval.Best);
            run.Set(FinalTestAccuracy, eval.Last);
            StepSeries.Record(run, eval);
        },
        keepDiverged: true);
    }

    /// <summary>
    /// Without BN the sigmoid network needs at least <see cref="MinSpeedUp"/> times BN's steps to reach 80% (a run that
    /// never reaches it counts as "more than the budget"), against BN's A/A noise floor; at the rate 20, BN still
    /// reaches 80% (best test accuracy over the run, mean over seeds) while the plain network does not.
    /// </summary>
    public static IReadOnlyList<Claim> Claims(ExperimentResult r) => new[]
    {
        Claim.StepsRatio(r, "BN reaches 80% test accuracy in far fewer steps than the plain net at its best rate", Verdict.Reproduced, StepsToTarget, Plain, Bn, Budgets(r.Settings).Steps, MinSpeedUp, BnNoise)
            with { Paper = "Ioffe and Szegedy: the same accuracy in 14 times fewer training steps (Inception, ImageNet)" },
        Claim.Within(r, "at 40x the rate BN still reaches 80% test accuracy", Verdict.Reproduced, BestTestAccuracy, BnHigh, Target, double.PositiveInfinity, PlainHigh)
            with { Paper = "Ioffe and Szegedy: BN allows much higher learning rates (BN-x5, BN-x30)" },
    };
}
