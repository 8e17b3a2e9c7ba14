using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Focal loss (Lin et al. 2017) on a 2-D "dense detection" problem: 1% positives in small blobs, 5% hard negatives on
/// rings around them, the rest easy negatives. An MLP 2-64-64-1 with the paper's prior bias (pi = 0.01) trained with
/// plain BCE, alpha-balanced BCE (alpha 0.75, the paper's best for CE) and focal loss (gamma 2, alpha 0.25); the metric
/// is the test average precision, as in detection.
/// </summary>
public static class FocalLossExperiment
{
    public const string Bce = "BCE", Balanced = "alpha-balanced BCE", Focal = "focal (gamma 2, alpha 0.25)";

    /// <summary>The bias that makes the initial positive probability <paramref name="pi"/>: <c>-log((1 - pi) / pi)</c>.</summary>
    public static double PriorBias(double pi = 0.01) => -Math.Log((1 - pi) / pi);

    /// <summary>MLP 2-64-64-1 whose output bias starts at the prior.</summary>
    public static nn.Module<Tensor, Tensor> Model(double pi = 0.01)
    {
        var m = Models.Mlp(new[] { 2, 64, 64, 1 });
        var last = (TorchSharp.Modules.Linear)m.named_children().Last().module;
        using (no_grad()) last.bias!.fill_(PriorBias(pi));
        return m;
    }

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        int n = settings.Pick(20000, 60000), epochs = settings.Pick(30, 60);
        var options = new TrainingOptions
        {
            Epochs = epochs, BatchSize = 256, Evaluate = false,
            Optimizer = ps => Optimizers.Adam(ps, 1e-3), Schedule = Schedules.Constant(1e-3),
        };
        Arm Make(string name, Loss<Tensor, Tensor, Tensor> loss) => new(name, (seed, p) =>
        {
            using var train = Synthetic.DenseDetection(n, seed: 1000 + seed);
            using var test = Synthetic.DenseDetection(5 * n, seed: 2000 + seed);
            torch.manual_seed(seed);
            using var model = Model();
            var history = Trainer.Fit(model, train, test, options with { Seed = seed, Loss = Losses.OnBinaryLogits(loss), Name = $"{name}, seed {seed}" }, p);
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            model.eval();
            var scores = model.call(test.Features).reshape(-1).sigmoid();
            var metrics = new Dictionary<string, double>
            {
                ["test_ap"] = Metrics.AveragePrecision(scores, test.Labels),
                ["train_loss"] = history.StepLoss.Skip(history.StepLoss.Count * 9 / 10).Average(),
            };
            return new RunRecord(name, seed, metrics, history);
        });
        return Experiment.Run("focal-loss", new[]
        {
            Make(Bce, Losses.SigmoidFocal(gamma: 0, alpha: -1)),
            Make(Balanced, Losses.SigmoidFocal(gamma: 0, alpha: 0.75)),
            Make(Focal, Losses.SigmoidFocal(gamma: 2, alpha: 0.25)),
        }, settings, progress);
    }
}
