using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Flooding (Ishida et al. 2020): an MLP 784-256-256-10 on 2,000 Fashion-MNIST images, Adam, 60 epochs, with flood
/// level b = 0 (plain training, the loss goes to ~0) and b = 0.1 (the mini-batch loss is kept hovering around b).
/// </summary>
public static class FloodingExperiment
{
    public const double Level = 0.1;
    public const string Plain = "b = 0", Flooded = "flooding b = 0.1";

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        var train = FashionSubsets.Get(true, settings.Pick(2000, 10000));
        var test = FashionSubsets.Get(false, settings.Pick(2000, 10000));
        int epochs = settings.Pick(60, 100);
        var options = new TrainingOptions
        {
            Epochs = epochs, BatchSize = 64, Evaluate = true, EvaluateEvery = 3,
            Optimizer = ps => Optimizers.Adam(ps, 1e-3), Schedule = Schedules.Constant(1e-3),
        };
        Arm Make(string name, double b) => new(name, (seed, prog) =>
        {
            torch.manual_seed(seed);
            using var model = Models.Mlp(new[] { 784, 256, 256, 10 });
            var loss = b > 0 ? Losses.Flooded(nn.CrossEntropyLoss(), b) : nn.CrossEntropyLoss();
            var history = Trainer.Fit(model, train, test, options with { Seed = seed, Loss = loss, Name = $"{name}, seed {seed}" }, prog);
            var metrics = ClassifierRuns.Metrics(model, train, test);
            // The training loss (whole training set, evaluation mode) averaged over the last quarter of the epochs.
            metrics["late_train_loss"] = history.Epochs.Skip(history.Epochs.Count * 3 / 4).Average(e => e.TrainLoss);
            return new RunRecord(name, seed, metrics, history);
        });
        return Experiment.Run("flooding", new[] { Make(Plain, 0), Make(Flooded, Level) }, settings, progress);
    }
}
