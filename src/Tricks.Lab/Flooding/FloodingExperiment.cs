using TorchSharp;
using static TorchSharp.torch;

namespace Tricks.Lab.Flooding;

/// <summary>
/// Flooding (Ishida et al. 2020): an MLP 784-256-256-10 on 1,000 Fashion-MNIST images (full mode: 5,000; budget checked
/// on seeds 3-5, 6-8 and 9-11), Adam 1e-3, batch 64, 60 epochs (full: 80), with flood level b = 0 (plain training, the
/// baseline; also repeated from another initialisation, the A/A noise floor) and b = 0.1. Every 3 epochs each run is
/// measured on the training set (plain cross-entropy, whatever the training loss), on a validation split (the next
/// 1,000 training images) and on the test set, so that the plain run can also be read as stopped early at its best
/// validation loss.
/// </summary>
public static class FloodingExperiment
{
    /// <summary>The flood level b of the flooded arm (Ishida et al. 2020 choose b per data set by validation).</summary>
    public const double Level = 0.1;
    /// <summary>The arm names, as results and charts show them.</summary>
    public const string Plain = "b = 0", Flooded = "flooding b = 0.1";

    /// <summary>Plain training repeated with another initialisation: the noise floor.</summary>
    public static readonly string PlainNoise = $"{Plain} (A/A: other init)";

    /// <summary>The metric <c>late_train_ce</c>: training cross-entropy over the last quarter of the epochs (nats).</summary>
    public static readonly Metric LateTrainCe = new("late_train_ce", "training cross-entropy over the last quarter of the epochs (nats)", HigherIsBetter: false);
    /// <summary>The metric <c>early_stopped_test_nll</c>: test NLL at the epoch of the lowest validation NLL (nats).</summary>
    public static readonly Metric EarlyStoppedTestNll = new("early_stopped_test_nll", "test NLL at the epoch of the lowest validation NLL (nats)", HigherIsBetter: false);

    /// <summary>The series <c>validation_nll</c>: the validation NLL at each evaluated epoch (nats).</summary>
    public static readonly Series ValidationNll = new("validation_nll", "validation NLL at each evaluated epoch (nats)");

    /// <summary>The least mean drop in final test cross-entropy claimed, in nats (chosen on seeds 3-5: docs/design-log.md).</summary>
    public const double MinNllGain = 0.15;

    /// <summary>The arms: plain (baseline), its A/A twin, flooded.</summary>
    public static IReadOnlyList<Arm> Arms(ExperimentSettings settings)
    {
        int n = settings.Pick(1000, 5000);
        var train = FashionSubsets.Get(true, n, settings.DataPath);
        var validation = FashionSubsets.Get(true, n, settings.Pick(1000, 5000), settings.DataPath);
        var test = FashionSubsets.Get(false, settings.Pick(2000, 10000), settings.DataPath);
        var options = new TrainingOptions
        {
            Epochs = settings.Pick(60, 80), BatchSize = 64, Evaluate = true, EvaluateEvery = 3,
            Optimizer = (ps, rate) => Optimizers.Adam(ps, rate), Schedule = Schedules.Constant(1e-3),
        };
        Arm Make(string name, double b) => ClassifierArm.Create(name, () => Models.Mlp(new[] { 784, 256, 256, 10 }), train, test,
            options with { Loss = b > 0 ? Losses.Flooded(nn.CrossEntropyLoss(), b) : null },
            callbacks: run => new TrainingCallback[] { new EarlyStopping(validation) },
            after: run =>
            {
                var h = run.History!;
                // The training cross-entropy (whole training set, evaluation mode) over the last quarter of the epochs.
                run.Set(LateTrainCe, h.Epochs.Skip(h.Epochs.Count * 3 / 4).Average(e => e.TrainLoss));
                // The test NLL of the evaluated epoch with the lowest validation NLL (the callback saw the same epochs).
                var validation = run.Callback<EarlyStopping>();
                run.Set(EarlyStoppedTestNll, h.Epochs[validation.BestIndex].TestLoss);
                run.Set(ValidationNll, validation.Losses.ToArray());
            });
        var plain = Make(Plain, 0);
        return new[] { plain, Arm.NoiseFloor(plain, PlainNoise), Make(Flooded, Level) };
    }

    /// <summary>
    /// The flooded run's training cross-entropy stays in [0.5 b, 1.5 b] late in training (plain training's does not),
    /// and its final test cross-entropy is lower than plain training's, against the A/A noise floor.
    /// </summary>
    public static IReadOnlyList<Claim> Claims(ExperimentResult r) => new[]
    {
        Claim.Within(r, "late in training the flooded run's training cross-entropy stays near b", LateTrainCe, Flooded, 0.5 * Level, 1.5 * Level, Plain),
        Claim.Paired(r, "flooding lowers the final test cross-entropy", new PairedTest(ClassifierMetrics.TestNll, Effect.Gain, MinNllGain), Flooded, Plain, PlainNoise),
    };
}
