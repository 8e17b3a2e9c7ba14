using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// ReLU (Nair and Hinton 2010; Glorot, Bordes and Bengio 2011; Krizhevsky et al. 2012) against saturating units: a
/// 4-layer MLP 784-256-256-256-10 on 10,000 Fashion-MNIST images with sigmoid (Xavier init), tanh (Xavier) and ReLU
/// (He init); plain SGD 0.05, batch 64, 1,200 steps; test accuracy every 25 steps (on 1,000 test images in quick mode),
/// and the per-layer gradient norms at the start.
/// </summary>
public static class ReluExperiment
{
    public const string Sigmoid = "sigmoid (Xavier)", Tanh = "tanh (Xavier)", Relu = "ReLU (He)";
    public const double Target = 0.75;

    public static ExperimentResult Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null)
    {
        var train = FashionSubsets.Get(true, settings.Pick(10000, 30000));
        var test = FashionSubsets.Get(false, settings.Pick(1000, 2000));
        int steps = settings.Pick(1200, 4000), every = 25;
        Arm Make(string name, Activation act, Init init) => new(name, (seed, prog) =>
        {
            torch.manual_seed(seed);
            using var model = Models.Mlp(new[] { 784, 256, 256, 256, 10 }, act, init);
            var norms = InitialGradientNorms(model, train, seed);
            var eval = new StepEvaluation(model, test, every);
            var history = Trainer.Fit(model, train, test, new TrainingOptions
            {
                Epochs = 100, MaxSteps = steps, BatchSize = 64, Seed = seed, Evaluate = false,
                Schedule = Schedules.Constant(0.05), Optimizer = ps => Optimizers.Sgd(ps, 0.05), OnStep = eval.OnStep,
                Name = $"{name}, seed {seed}",
            }, prog);
            var metrics = new Dictionary<string, double>
            {
                ["steps_to_75"] = eval.StepsTo(Target, notReached: steps + every),
                ["final_test_accuracy"] = eval.Points[^1].Accuracy,
                ["first_layer_grad"] = norms[0],
                ["last_layer_grad"] = norms[^1],
                ["grad_ratio_first_last"] = norms[0] / norms[^1],
            };
            return new RunRecord(name, seed, metrics, history, Series: new Dictionary<string, IReadOnlyList<double>> { ["initial_grad_norms"] = norms });
        });
        return Experiment.Run("relu", new[] { Make(Sigmoid, Activation.Sigmoid, Init.Xavier), Make(Tanh, Activation.Tanh, Init.Xavier), Make(Relu, Activation.ReLU, Init.He) },
            settings, progress);
    }

    /// <summary>Per-layer gradient norms (weight matrices, input side first) of the loss on 256 training images at the initial weights.</summary>
    public static double[] InitialGradientNorms(nn.Module<Tensor, Tensor> model, Data.LabeledData train, int seed)
    {
        using var scope = NewDisposeScope();
        var idx = tensor(Data.Batches.Shuffled(train.Count, 256, seed)[0]);
        model.zero_grad();
        nn.functional.cross_entropy(model.call(train.Flat().index_select(0, idx)), train.Labels.index_select(0, idx)).backward();
        var norms = Metrics.GradientNorms(model).Select(n => n.Norm).ToArray();
        model.zero_grad();
        return norms;
    }
}
