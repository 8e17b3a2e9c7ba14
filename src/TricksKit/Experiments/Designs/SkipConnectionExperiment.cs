using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Skip connections (He et al. 2016) against the degradation of deep plain networks: BN-MLPs of width 64, 8 and 32
/// blocks deep, plain and residual, on 10,000 Fashion-MNIST images, SGD 0.01 with momentum 0.9, 600 steps of batch 64.
/// The measure is the training loss (degradation is an optimisation problem, not overfitting).
/// </summary>
public static class SkipConnectionExperiment
{
    public const string Plain8 = "plain, 8 blocks", Residual8 = "residual, 8 blocks", Plain32 = "plain, 32 blocks", Residual32 = "residual, 32 blocks";

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        var train = FashionSubsets.Get(true, settings.Pick(10000, 30000));
        var test = FashionSubsets.Get(false, 2000);
        int steps = settings.Pick(600, 1500);
        Arm Make(string name, int depth, bool residual) => new(name, (seed, prog) =>
        {
            torch.manual_seed(seed);
            using var model = Models.DeepStack(784, 64, depth, 10, residual);
            var history = Trainer.Fit(model, train, test, new TrainingOptions
            {
                Epochs = 100, MaxSteps = steps, BatchSize = 64, Seed = seed, Evaluate = false,
                Schedule = Schedules.Constant(0.01), Optimizer = ps => Optimizers.Sgd(ps, 0.01, momentum: 0.9),
                Name = $"{name}, seed {seed}",
            }, prog);
            var metrics = ClassifierRuns.Metrics(model, train, test);
            metrics["late_batch_loss"] = history.StepLoss.Skip(history.StepLoss.Count * 9 / 10).Average();
            return new RunRecord(name, seed, metrics, history);
        });
        return Experiment.Run("skip-connection", new[] { Make(Plain8, 8, false), Make(Residual8, 8, true), Make(Plain32, 32, false), Make(Residual32, 32, true) },
            settings, progress);
    }
}
