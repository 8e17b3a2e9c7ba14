using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Label smoothing (Szegedy et al. 2016; calibration: Mueller, Kornblith and Hinton 2019): an MLP 784-256-256-10 on
/// 5,000 Fashion-MNIST images, trained with Adam for 30 epochs with plain cross-entropy and with smoothing 0.1.
/// The effect measured is calibration: expected calibration error (15 bins) on the test set.
/// </summary>
public static class LabelSmoothingExperiment
{
    public const string Plain = "cross-entropy", Smoothed = "label smoothing 0.1";

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        var train = FashionSubsets.Get(true, settings.Pick(5000, 20000));
        var test = FashionSubsets.Get(false, settings.Pick(5000, 10000));
        var options = new TrainingOptions
        {
            Epochs = settings.Pick(30, 40), BatchSize = 64, Evaluate = false,
            Optimizer = ps => Optimizers.Adam(ps, 1e-3), Schedule = Schedules.Constant(1e-3),
        };
        Arm Make(string name, double eps) => new(name, (seed, prog) =>
        {
            torch.manual_seed(seed);
            using var model = Models.Mlp(new[] { 784, 256, 256, 10 });
            var history = Trainer.Fit(model, train, test, options with { Seed = seed, Loss = Losses.LabelSmoothing(eps), Name = $"{name}, seed {seed}" }, prog);
            using var scope = NewDisposeScope();
            var bins = TricksKit.Metrics.ReliabilityBins(ClassifierRuns.Logits(model, test), test.Labels);
            var series = new Dictionary<string, IReadOnlyList<double>>
            {
                ["reliability_confidence"] = bins.Select(b => b.Confidence).ToArray(),
                ["reliability_accuracy"] = bins.Select(b => b.Accuracy).ToArray(),
                ["reliability_count"] = bins.Select(b => (double)b.Count).ToArray(),
            };
            return new RunRecord(name, seed, ClassifierRuns.Metrics(model, train, test), history, Series: series);
        });
        return Experiment.Run("label-smoothing", new[] { Make(Plain, 0), Make(Smoothed, 0.1) }, settings, progress);
    }
}
