using TorchSharp;
using static TorchSharp.torch;

namespace Tricks.Lab.Relu;

/// <summary>
/// ReLU (Nair and Hinton 2010; Glorot, Bordes and Bengio 2011) against saturating units in a small conv net, the set-up
/// of Krizhevsky et al. 2012 Fig. 1 scaled down: <c>Models.SmallCnn</c> (conv 8 - act - pool - conv 16 - act - pool -
/// linear) with sigmoid (Xavier init), tanh (Xavier) and ReLU (He init; also repeated from another initialisation, the
/// A/A noise floor), on 10,000 Fashion-MNIST images (full 30,000); SGD with momentum 0.9, batch 64, no regularisation,
/// each activation at its own best rate from the <see cref="Sweep"/> on validation data (Krizhevsky et al. chose each
/// net's rate "to make training as fast as possible"); test accuracy every <see cref="EvaluateEvery"/> steps (on 1,000
/// test images in quick mode), and the per-layer gradient norms at the initial weights.
/// </summary>
public static class ReluExperiment
{
    /// <summary>The arm names, as results and charts show them.</summary>
    public const string Sigmoid = "sigmoid (Xavier)", Tanh = "tanh (Xavier)", Relu = "ReLU (He)";

    /// <summary>ReLU repeated with another initialisation: the noise floor.</summary>
    public static readonly string ReluNoise = $"{Relu} (A/A: other init)";

    /// <summary>The activations, each with its initialisation and its rate from the <see cref="Sweep"/> on seeds 1000-1004 (docs/design-log.md).</summary>
    public static readonly IReadOnlyList<(string Name, Activation Activation, Init Init, double Rate)> Activations = new[]
    {
        (Sigmoid, Activation.Sigmoid, Init.Xavier, 0.05),
        (Tanh, Activation.Tanh, Init.Xavier, 0.1),
        (Relu, Activation.ReLU, Init.He, 0.05),
    };

    /// <summary>The first convolution's channels (the second has twice as many): 8 keeps the study within its minute.</summary>
    public const int Width = 8;

    /// <summary>The test accuracy whose first crossing is timed.</summary>
    public const double Target = 0.75;

    /// <summary>How often test accuracy is measured, in steps.</summary>
    public const int EvaluateEvery = 10;

    /// <summary>The least factor by which sigmoid needs more steps than ReLU (kept from the MLP design; docs/design-log.md).</summary>
    public const double MinSigmoidSlowDown = 3;

    /// <summary>The least factor by which tanh would need more steps than ReLU: half of Krizhevsky et al.'s 6x.</summary>
    public const double MinTanhSlowDown = 3;

    /// <summary>The verdicts expected (declared before the confirming run: docs/design-log.md).</summary>
    public const Verdict ExpectedSigmoid = Verdict.Reproduced, ExpectedTanh = Verdict.NotReproduced, ExpectedVanishing = Verdict.Reproduced;

    /// <summary>The largest first-layer / last-layer gradient-norm ratio that counts as vanishing (chosen on seeds 1000-1004: docs/design-log.md).</summary>
    public const double VanishingRatio = 0.02;

    /// <summary>The metric <c>steps_to_75</c>: training steps to 75% test accuracy (null: not reached).</summary>
    public static readonly Metric StepsToTarget = new("steps_to_75", "training steps to 75% test accuracy (null: not reached)", HigherIsBetter: false);
    /// <summary>The metric <c>final_test_accuracy</c>: test accuracy at the last step (fraction).</summary>
    public static readonly Metric FinalTestAccuracy = new("final_test_accuracy", "test accuracy at the last step (fraction)");
    /// <summary>The metric <c>first_layer_grad</c>: gradient norm of the first layer's weights at init.</summary>
    public static readonly Metric FirstLayerGrad = new("first_layer_grad", "gradient norm of the first layer's weights at init");
    /// <summary>The metric <c>last_layer_grad</c>: gradient norm of the last layer's weights at init.</summary>
    public static readonly Metric LastLayerGrad = new("last_layer_grad", "gradient norm of the last layer's weights at init");
    /// <summary>The metric <c>grad_ratio_first_last</c>: first / last layer gradient norm at init.</summary>
    public static readonly Metric GradRatio = new("grad_ratio_first_last", "first / last layer gradient norm at init");

    /// <summary>The series <c>initial_grad_norms</c>: each weight's gradient norm at init, input side first.</summary>
    public static readonly Series InitialGradNorms = new("initial_grad_norms", "gradient norm of each layer's weights at init, input side first");

    /// <summary>The step budget.</summary>
    public static int Budget(ExperimentSettings settings) => settings.Pick(200, 1000);

    /// <summary>The training-set size.</summary>
    public static int TrainCount(ExperimentSettings settings) => settings.Pick(10000, 30000);

    /// <summary>The arms: sigmoid (baseline), tanh, ReLU and ReLU's A/A twin, each at its rate.</summary>
    public static IReadOnlyList<Arm> Arms(ExperimentSettings settings)
    {
        var test = FashionSubsets.Test(settings.Pick(1000, 2000), settings.DataPath);
        var arms = Activations.Select(a => MakeArm(settings, a.Name, a.Activation, a.Init, a.Rate, _ => test)).ToList();
        // The A/A twin serves only the steps to 75% (no figure draws it): it stops there, and its steps are those it would
        // have had in a full run, since nothing before the stop changes.
        var (_, activation, init, rate) = Activations[^1];
        arms.Add(Arm.NoiseFloor(MakeArm(settings, Relu, activation, init, rate, _ => test, stopAtTarget: true), ReluNoise));
        return arms;
    }

    /// <summary>The rates the <see cref="Sweep"/> tries for each activation.</summary>
    public static readonly IReadOnlyList<double> SweepRates = new[] { 0.0125, 0.025, 0.05, 0.1, 0.2, 0.4 };

    /// <summary>
    /// The rate sweep (the twin's <c>--sweep</c>, on tuning seeds): each activation at each of <see cref="SweepRates"/>,
    /// timed to 75% accuracy on each seed's validation split (1,000 training images outside its sample).
    /// </summary>
    public static Sweep Sweep { get; } = new(settings =>
        {
            Func<int, LabeledData> validation = seed => FashionSubsets.Validation(seed, TrainCount(settings), 1000, settings.DataPath);
            return Activations.SelectMany(a => SweepRates.Select(lr => MakeArm(settings, $"{a.Name}, lr {lr}", a.Activation, a.Init, lr, validation))).ToArray();
        },
        new[] { StepsToTarget, FinalTestAccuracy },
        "for each activation, the rate with the fewest median steps to 75% validation accuracy (ties: the higher final accuracy)");

    /// <summary>
    /// One arm: the conv net with <paramref name="activation"/> and <paramref name="init"/>, trained at <paramref name="lr"/>,
    /// evaluated on <paramref name="evaluation"/>; with <paramref name="stopAtTarget"/> it stops at the first evaluation at
    /// 75% (its final accuracy is then that evaluation's).
    /// </summary>
    private static Arm MakeArm(ExperimentSettings settings, string name, Activation activation, Init init, double lr, Func<int, LabeledData> evaluation,
        bool stopAtTarget = false)
    {
        int count = TrainCount(settings), steps = Budget(settings);
        Func<int, LabeledData> train = seed => FashionSubsets.Train(seed, count, settings.DataPath);
        return ClassifierArm.Create(name, () => Models.SmallCnn(width: Width, activation: activation, init: init), train, evaluation, new TrainingOptions
        {
            Epochs = Batches.Count(steps * 64, count), MaxSteps = steps, BatchSize = 64, Evaluate = false,
            Schedule = Schedules.Constant(lr), Optimizer = (ps, rate) => Optimizers.Sgd(ps, rate, momentum: 0.9),
        },
        callbacks: run => new TrainingCallback[]
        {
            Probe<double[]>.AtStart(m => InitialGradientNorms(m, run.Train, run.Seeds.Seed)),
            new StepEvaluation(run.Test, EvaluateEvery, flatten: false, stopAt: stopAtTarget ? Target : null),
        },
        after: run =>
        {
            var norms = run.Callback<Probe<double[]>>().Values[0].Value;
            var eval = run.Callback<StepEvaluation>();
            run.Set(StepsToTarget, eval.StepsTo(Target, notReached: double.PositiveInfinity));
            run.Set(FinalTestAccuracy, eval.Points[^1].Accuracy);
            run.Set(FirstLayerGrad, norms[0]);
            run.Set(LastLayerGrad, norms[^1]);
            run.Set(GradRatio, norms[0] / norms[^1]);
            run.Set(InitialGradNorms, norms);
            StepSeries.Record(run, eval);
        }, flatten: false);
    }

    /// <summary>
    /// Sigmoid needs several times ReLU's steps to reach 75% (a run that never does counts as "more than the budget"),
    /// against ReLU's A/A noise floor; tanh, the strongest saturating baseline, needs at least
    /// <see cref="MinTanhSlowDown"/>x ReLU's steps (half of Krizhevsky et al.'s 6x); sigmoid's first-layer gradient has
    /// vanished at the initial weights (first/last norm ratio at most <see cref="VanishingRatio"/>) while ReLU's has
    /// not. The expected verdicts come from the tuning seeds (docs/design-log.md).
    /// </summary>
    public static IReadOnlyList<Claim> Claims(ExperimentResult r) => new[]
    {
        Claim.StepsRatio(r, "sigmoid needs many more steps than ReLU to reach 75%", ExpectedSigmoid, StepsToTarget, Sigmoid, Relu, Budget(r.Settings), MinSigmoidSlowDown, ReluNoise)
            with { Paper = "Glorot et al.: sigmoid nets train poorly from standard init" },
        Claim.StepsRatio(r, "tanh needs several times ReLU's steps to reach 75%", ExpectedTanh, StepsToTarget, Tanh, Relu, Budget(r.Settings), MinTanhSlowDown, ReluNoise)
            with { Paper = "Krizhevsky et al. Fig. 1: ReLU reaches 25% CIFAR-10 training error 6x faster than tanh" },
        Claim.Within(r, "sigmoid's first-layer gradient vanishes at init", ExpectedVanishing, GradRatio, Sigmoid, double.NegativeInfinity, VanishingRatio, Relu)
            with { Paper = "Glorot and Bengio 2010: gradients shrink toward the input layers" },
    };

    /// <summary>Per-layer gradient norms (weights, input side first) of the loss on 256 training images at the initial weights.</summary>
    public static double[] InitialGradientNorms(nn.Module<Tensor, Tensor> model, LabeledData train, int seed)
    {
        using var scope = NewDisposeScope();
        var idx = tensor(Batches.Shuffled(train.Count, 256, seed)[0], device: train.Features.device);
        model.zero_grad();
        nn.functional.cross_entropy(model.call(train.Features.index_select(0, idx)), train.Labels.index_select(0, idx)).backward();
        var norms = Metrics.GradientNorms(model).Select(n => n.Norm).ToArray();
        model.zero_grad();
        return norms;
    }
}
