using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Dropout (Srivastava et al. 2014) against overfitting: a wide MLP on 2,000 Fashion-MNIST images, trained long
/// enough to memorise them, without and with dropout (0.2 on the inputs, 0.5 on every hidden layer, as in the paper). Same data order and initial weights
/// per seed (dropout has no parameters).
/// </summary>
public static class DropoutExperiment
{
    public const string None = "no dropout", Half = "dropout p=0.5";

    /// <summary>
    /// MLP 784-w-w-10; with dropout, the paper's placement: p_in = 0.2 on the inputs and p on every hidden layer.
    /// Dropout has no parameters, so with the same seed both variants start from the same weights.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Model(int width, double p) => p == 0
        ? Models.Mlp(new[] { 784, width, width, 10 })
        : nn.Sequential(("input_dropout", Layers.Dropout(0.2)), ("mlp", Models.Mlp(new[] { 784, width, width, 10 }, dropout: p)));

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        var train = FashionSubsets.Get(true, settings.Pick(2000, 10000));
        var test = FashionSubsets.Get(false, settings.Pick(2000, 10000));
        int width = settings.Pick(512, 1024);
        var options = new TrainingOptions
        {
            Epochs = settings.Pick(25, 40), BatchSize = 64, Evaluate = true, EvaluateEvery = 5,
            Optimizer = ps => Optimizers.Adam(ps, 1e-3), Schedule = Schedules.Constant(1e-3),
        };
        Arm Make(string name, double p) => new(name, (seed, prog) =>
        {
            torch.manual_seed(seed);
            using var model = Model(width, p);
            var history = Trainer.Fit(model, train, test, options with { Seed = seed, Name = $"{name}, seed {seed}" }, prog);
            return new RunRecord(name, seed, ClassifierRuns.Metrics(model, train, test), history);
        });
        return Experiment.Run("dropout", new[] { Make(None, 0), Make(Half, 0.5) }, settings, progress);
    }
}
