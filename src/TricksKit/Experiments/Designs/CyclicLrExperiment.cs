using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Cyclic learning rate: SGDR, cosine annealing with warm restarts (Loshchilov and Hutter 2017), and the snapshot
/// ensemble it enables (Huang et al. 2017). An MLP 784-256-256-10 on 10,000 Fashion-MNIST images, SGD with momentum
/// 0.9 and weight decay 5e-4, batch 128, 14 epochs, the rate set every step: constant 0.05; cosine 0.1 to 0 over the
/// run; SGDR 0.1 to 0 with T0 = 2 epochs and T_mult = 2, so cycles end at epochs 2, 6 and 14. The snapshot ensemble
/// averages the softmax of the three cycle-end models (every arm records the same: for the constant and cosine rates it
/// is a control). The measure is the test negative log-likelihood.
/// </summary>
public static class CyclicLrExperiment
{
    public const string Constant = "constant 0.05", Cosine = "cosine 0.1 to 0", Sgdr = "SGDR (T0 2, Tmult 2)";

    /// <summary>The epochs at which SGDR's cycles end.</summary>
    public static IReadOnlyList<int> CycleEnds(int epochs, int t0 = 2, int mult = 2)
    {
        var ends = new List<int>();
        for (int end = t0, len = t0; end <= epochs; len *= mult, end += len) ends.Add(end);
        return ends;
    }

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        var train = FashionSubsets.Get(true, settings.Pick(10000, 30000));
        var test = FashionSubsets.Get(false, settings.Pick(5000, 10000));
        int epochs = settings.Pick(14, 30), batch = 128;
        int perEpoch = Batches.Count(train.Count, batch);
        var ends = CycleEnds(epochs);
        var options = new TrainingOptions
        {
            Epochs = epochs, BatchSize = batch, Evaluate = false,
            Optimizer = ps => Optimizers.Sgd(ps, 0.1, momentum: 0.9, weightDecay: 5e-4),
        };
        Arm Make(string name, LrSchedule schedule, IReadOnlyList<int>? snapshotEpochs = null) => new(name, (seed, prog) =>
        {
            torch.manual_seed(seed);
            using var model = Models.Mlp(new[] { 784, 256, 256, 10 });
            var snapshots = new List<Tensor>();
            var snapshotNll = new List<double>();
            var at = snapshotEpochs ?? ends;
            void OnEpoch(int epoch)
            {
                if (!at.Contains(epoch)) return;
                using var scope = NewDisposeScope();
                var logits = ClassifierRuns.Logits(model, test);
                snapshotNll.Add(nn.functional.cross_entropy(logits, test.Labels).item<float>());
                snapshots.Add(logits.to_type(ScalarType.Float64).softmax(1).MoveToOuterDisposeScope());
            }
            var history = Trainer.Fit(model, train, test, options with { Seed = seed, Schedule = schedule, OnEpoch = OnEpoch, Name = $"{name}, seed {seed}" }, prog);
            var metrics = ClassifierRuns.Metrics(model, train, test);
            metrics["cycle_end_nll_mean"] = snapshotNll.Average();
            using (var scope = NewDisposeScope())
            {
                var mean = stack(snapshots).mean(new long[] { 0 });
                metrics["ensemble_nll"] = -mean.gather(1, test.Labels.unsqueeze(1)).log().mean().item<double>();
                metrics["ensemble_accuracy"] = TricksKit.Metrics.Accuracy(mean, test.Labels);

            }
            foreach (var s in snapshots) s.Dispose();
            return new RunRecord(name, seed, metrics, history);
        });
        return Experiment.Run("cyclic-lr", new[]
        {
            Make(Constant, Schedules.Constant(0.05)),
            Make(Cosine, Schedules.Cosine(0.1, 0, epochs * perEpoch)),
            Make(Sgdr, Schedules.CosineWarmRestarts(0.1, 0, 2 * perEpoch, 2)),
        }, settings, progress);
    }
}
