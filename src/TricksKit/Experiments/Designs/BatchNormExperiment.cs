using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Batch normalization (Ioffe and Szegedy 2015), the paper's MNIST set-up on Fashion-MNIST: an MLP 784-100-100-100-10
/// with sigmoid units and default initialisation, with and without BN before each sigmoid; plain SGD, batch 60, 3,000
/// steps (1,500 at the high rate), test accuracy every 25 steps (on 1,000 test images in quick mode); at the rate 0.5
/// and at 40 times that rate (20).
/// </summary>
public static class BatchNormExperiment
{
    public const string Plain = "no BN, lr 0.5", Bn = "BN, lr 0.5", PlainHigh = "no BN, lr 20", BnHigh = "BN, lr 20";
    public const double Target = 0.80;

    public static nn.Module<Tensor, Tensor> Model(bool bn) =>
        Models.Mlp(new[] { 784, 100, 100, 100, 10 }, Activation.Sigmoid, Init.Default, bn ? Norm.BatchNorm : Norm.None);

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        var train = FashionSubsets.Get(true, 10000);
        var test = FashionSubsets.Get(false, settings.Pick(1000, 2000));
        int every = 25;
        Arm Make(string name, bool bn, double lr, int steps) => new(name, (seed, prog) =>
        {
            torch.manual_seed(seed);
            using var model = Model(bn);
            var eval = new StepEvaluation(model, test, every);
            TrainingHistory? history = null;
            try
            {
                history = Trainer.Fit(model, train, test, new TrainingOptions
                {
                    Epochs = Data.Batches.Count(steps * 60, train.Count), MaxSteps = steps, BatchSize = 60, Seed = seed, Evaluate = false,
                    Schedule = Schedules.Constant(lr), Optimizer = ps => Optimizers.Sgd(ps, lr), OnStep = eval.OnStep,
                    Name = $"{name}, seed {seed}",
                }, prog);
            }
            catch (TrainingDivergedException)
            {
                // A diverged run keeps the accuracies it reached; its steps-to-target stay "not reached".
            }
            var metrics = new Dictionary<string, double>
            {
                ["steps_to_80"] = eval.StepsTo(Target, notReached: steps + every),
                ["best_test_accuracy"] = eval.Best,
                ["final_test_accuracy"] = eval.Points.Count > 0 ? eval.Points[^1].Accuracy : 0,
            };
            var series = new Dictionary<string, IReadOnlyList<double>>
            {
                ["eval_step"] = eval.Points.Select(p => (double)p.Step).ToArray(),
                ["test_accuracy"] = eval.Points.Select(p => p.Accuracy).ToArray(),
            };
            return new RunRecord(name, seed, metrics, history, Series: series);
        });
        int steps = settings.Pick(3000, 6000), highSteps = settings.Pick(1500, 3000);
        return Experiment.Run("batch-norm", new[] { Make(Plain, false, 0.5, steps), Make(Bn, true, 0.5, steps), Make(PlainHigh, false, 20, highSteps), Make(BnHigh, true, 20, highSteps) },
            settings, progress);
    }
}
