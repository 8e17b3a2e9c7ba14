using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Group normalization (Wu and He 2018) against batch norm at small batches: an MLP 784-256-256-10 with BN or GN (32
/// groups) after each hidden linear layer, one epoch on 4,000 Fashion-MNIST images at batch sizes 32, 8, 4 and 2, SGD
/// with momentum 0.9 and the rate scaled by sqrt(batch / 32). Test accuracy on 2,000 images.
/// </summary>
public static class GroupNormExperiment
{
    public static readonly IReadOnlyList<int> BatchSizes = new[] { 32, 8, 4, 2 };

    public static string ArmName(Norm norm, int batch) => $"{(norm == Norm.BatchNorm ? "BN" : "GN")}, batch {batch}";

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        var train = FashionSubsets.Get(true, settings.Pick(4000, 10000));
        var test = FashionSubsets.Get(false, 2000);
        Arm Make(Norm norm, int batch) => new(ArmName(norm, batch), (seed, prog) =>
        {
            torch.manual_seed(seed);
            using var model = Models.Mlp(new[] { 784, 256, 256, 10 }, norm: norm, groups: 32);
            double lr = 0.05 * Math.Sqrt(batch / 32.0);
            var history = Trainer.Fit(model, train, test, new TrainingOptions
            {
                Epochs = 1, BatchSize = batch, Seed = seed, Evaluate = false,
                Schedule = Schedules.Constant(lr), Optimizer = ps => Optimizers.Sgd(ps, lr, momentum: 0.9),
                Name = $"{ArmName(norm, batch)}, seed {seed}",
            }, prog);
            return new RunRecord(ArmName(norm, batch), seed, ClassifierRuns.Metrics(model, train, test), history);
        });
        var arms = new List<Arm>();
        foreach (var norm in new[] { Norm.BatchNorm, Norm.GroupNorm })
            foreach (var b in BatchSizes) arms.Add(Make(norm, b));
        return Experiment.Run("group-norm", arms, settings, progress);
    }
}
