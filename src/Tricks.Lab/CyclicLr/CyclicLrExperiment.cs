using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace Tricks.Lab.CyclicLr;

/// <summary>
/// Cyclic learning rate: SGDR, cosine annealing with warm restarts (Loshchilov and Hutter 2017), and the snapshot
/// ensemble that cyclic rates enable (Huang et al. 2017). An MLP 784-256-256-10 on 10,000 Fashion-MNIST images (both modes; full mode tests on 10,000 instead of 5,000), SGD
/// with momentum 0.9 and weight decay 5e-4, batch 128, 15 epochs for every arm, the rate set every step: cosine 0.1 to
/// 0 over the run (the baseline, also repeated from another initialisation: the A/A noise floor); SGDR 0.1 to 0 with
/// T0 = 1 epoch and T_mult = 2, so its cycles end at epochs 1, 3, 7 and 15; and the article's cyclic rate
/// (<see cref="Schedules.ArticleCyclic"/>) from 0.2 to 0 in <see cref="SnapshotCycles"/> equal cycles, Huang et al.'s
/// snapshot-ensemble schedule with their restart rate 0.2 (at 0.1 the snapshots, measured on seeds 3-5, improve so
/// steadily that the last one beats their ensemble). Each arm records the test NLL at the ends of its own cycles
/// (cosine: at SGDR's) and the ensemble of those snapshots (the mean of their softmax).
/// </summary>
public static class CyclicLrExperiment
{
    /// <summary>The arm names, as results and charts show them.</summary>
    public const string Cosine = "cosine 0.1 to 0", Sgdr = "SGDR (T0 1, Tmult 2)", Snapshots = "cyclic 0.2 to 0, 3 equal cycles (snapshots)";

    /// <summary>The cosine baseline repeated with another initialisation: the noise floor.</summary>
    public static readonly string CosineNoise = $"{Cosine} (A/A: other init)";

    /// <summary>The epochs every arm trains.</summary>
    public const int Epochs = 15;

    /// <summary>How many equal cycles the snapshot-ensemble arm runs.</summary>
    public const int SnapshotCycles = 3;

    /// <summary>The metric <c>early_cycle_end_nll</c>: test NLL at SGDR's cycle ends before the last (nats).</summary>
    public static readonly Metric EarlyCycleEndNll = new("early_cycle_end_nll", "test NLL at SGDR's cycle ends before the last (nats)", HigherIsBetter: false);
    /// <summary>The metric <c>last_snapshot_nll</c>: test NLL of the last snapshot (nats).</summary>
    public static readonly Metric LastSnapshotNll = new("last_snapshot_nll", "test NLL of the last snapshot (nats)", HigherIsBetter: false);
    /// <summary>The metric <c>ensemble_nll</c>: test NLL of the snapshot ensemble (nats).</summary>
    public static readonly Metric EnsembleNll = new("ensemble_nll", "test NLL of the snapshot ensemble (nats)", HigherIsBetter: false);
    /// <summary>The metric <c>ensemble_accuracy</c>: test accuracy of the snapshot ensemble (fraction).</summary>
    public static readonly Metric EnsembleAccuracy = new("ensemble_accuracy", "test accuracy of the snapshot ensemble (fraction)");
    /// <summary>The metric <c>ensemble_gain_over_last</c>: last snapshot's test NLL - the ensemble's (nats).</summary>
    public static readonly Metric EnsembleGain = new("ensemble_gain_over_last", "last snapshot's test NLL - the ensemble's (nats)");

    /// <summary>The series <c>snapshot_step</c>: the step of each snapshot.</summary>
    public static readonly Series SnapshotStep = new("snapshot_step", "training step of each snapshot");
    /// <summary>The series <c>snapshot_nll</c>: each snapshot's test NLL (nats).</summary>
    public static readonly Series SnapshotNll = new("snapshot_nll", "test NLL of each snapshot (nats)");
    /// <summary>The series <c>snapshot_accuracy</c>: each snapshot's test accuracy (fraction).</summary>
    public static readonly Series SnapshotAccuracy = new("snapshot_accuracy", "test accuracy of each snapshot (fraction)");
    /// <summary>The series <c>ensemble_of_first_k_nll</c>: test NLL of the ensemble of the first k snapshots, k = 1 .. all (nats).</summary>
    public static readonly Series EnsembleOfFirstKNll = new("ensemble_of_first_k_nll", "test NLL of the ensemble of the first k snapshots (nats)");
    /// <summary>The series <c>ensemble_of_first_k_accuracy</c>: test accuracy of the ensemble of the first k snapshots (fraction).</summary>
    public static readonly Series EnsembleOfFirstKAccuracy = new("ensemble_of_first_k_accuracy", "test accuracy of the ensemble of the first k snapshots (fraction)");

    /// <summary>The least mean drop of the test NLL at SGDR's early cycle ends, vs cosine (chosen on seeds 3-5: docs/design-log.md).</summary>
    public const double MinAnytimeGain = 0.025;


    /// <summary>The epochs at which SGDR's cycles end.</summary>
    public static IReadOnlyList<int> CycleEnds(int epochs, int t0 = 1, int mult = 2)
    {
        var ends = new List<int>();
        for (int end = t0, len = t0; end <= epochs; len *= mult, end += len) ends.Add(end);
        return ends;
    }

    /// <summary>The arms: cosine (baseline), its A/A twin, SGDR, equal cycles with snapshots.</summary>
    public static IReadOnlyList<Arm> Arms(ExperimentSettings settings)
    {
        // Full mode keeps 10,000 training images: at 20,000 the snapshots differ so little that their ensemble gained
        // +0.002, -0.001 and +0.007 nats over the last one on seeds 0-2, 3-5 and 6-8 (the regime Huang et al. need is
        // snapshots that disagree). Full mode measures on the larger test set instead.
        const int n = 10000;
        Func<int, LabeledData> train = seed => FashionSubsets.Train(seed, n, settings.DataPath);
        var test = FashionSubsets.Test(settings.Pick(5000, 10000), settings.DataPath);
        int epochs = Epochs, batch = 128;
        int perEpoch = Batches.Count(n, batch), total = epochs * perEpoch, cycle = total / SnapshotCycles;
        var sgdrEnds = CycleEnds(epochs).Select(e => e * perEpoch).ToArray();
        var equalEnds = Enumerable.Range(1, SnapshotCycles).Select(k => k * cycle).ToArray();
        Arm Make(string name, LrSchedule schedule, IReadOnlyList<int> snapshotSteps) => ClassifierArm.Create(name, () => Models.Mlp(new[] { 784, 256, 256, 10 }), train, test, new TrainingOptions
        {
            Epochs = epochs, MaxSteps = snapshotSteps[^1], BatchSize = batch, Evaluate = false, Schedule = schedule,
            Optimizer = (ps, rate) => Optimizers.Sgd(ps, rate, momentum: 0.9, weightDecay: 5e-4),
        },
        callbacks: run => new TrainingCallback[] { new Snapshots(test, snapshotSteps) },
        after: run =>
        {
            var snapshots = run.Callback<Snapshots>();
            var nll = snapshots.Points.Select(p => p.Nll).ToArray();
            run.Set(EarlyCycleEndNll, nll.Take(nll.Length - 1).Average());
            run.Set(LastSnapshotNll, nll[^1]);
            var ensemble = snapshots.Ensemble();
            run.Set(EnsembleNll, ensemble.Nll);
            run.Set(EnsembleGain, nll[^1] - ensemble.Nll);
            run.Set(EnsembleAccuracy, ensemble.Accuracy);
            // Huang et al.'s figure: the ensemble of the first k snapshots, k = 1 .. all.
            var firstK = Enumerable.Range(1, snapshots.Probabilities.Count).Select(k => snapshots.Ensemble(k)).ToArray();
            run.Set(EnsembleOfFirstKNll, firstK.Select(e => e.Nll).ToArray());
            run.Set(EnsembleOfFirstKAccuracy, firstK.Select(e => e.Accuracy).ToArray());
            run.Set(SnapshotStep, snapshots.Points.Select(p => (double)p.Step).ToArray());
            run.Set(SnapshotNll, nll);
            run.Set(SnapshotAccuracy, snapshots.Points.Select(p => p.Accuracy).ToArray());
        });
        var cosine = Make(Cosine, Schedules.Cosine(0.1, 0, total), sgdrEnds);
        return new[]
        {
            cosine, Arm.NoiseFloor(cosine, CosineNoise),
            Make(Sgdr, Schedules.CosineWarmRestarts(0.1, 0, perEpoch, 2), sgdrEnds),
            Make(Snapshots, Schedules.ArticleCyclic(0.2, 0, cycle), equalEnds),
        };
    }

    /// <summary>
    /// Anytime performance: at its early cycle ends SGDR's test NLL is lower than plain cosine's at the same epochs
    /// (against cosine's A/A noise floor). The snapshot ensemble's gain over its last snapshot is no longer claimed: it
    /// did not confirm (inconclusive on seeds 200-204 and again on 300-304, docs/design-log.md); the notebook shows it
    /// with its interval.
    /// </summary>
    public static IReadOnlyList<Claim> Claims(ExperimentResult r) => new[]
    {
        Claim.Paired(r, "SGDR is better than cosine at its early cycle ends (anytime)", Verdict.Reproduced, new PairedTest(EarlyCycleEndNll, Effect.Gain, MinAnytimeGain), Sgdr, Cosine, CosineNoise)
            with { Paper = "Loshchilov and Hutter Fig. 1: SGDR reaches good models at each restart, 2-4x fewer epochs" },
    };
}
