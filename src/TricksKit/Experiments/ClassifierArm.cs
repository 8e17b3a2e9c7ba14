using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>Arms that train a classifier with the kit's loop.</summary>
public static class ClassifierArm
{
    /// <summary>
    /// An arm that, for each seed, seeds TorchSharp, builds the model (so arms with the same architecture start
    /// from the same weights), trains it with <paramref name="options"/> (its seed set to the run's) and reports the
    /// final train/test loss and accuracy as <c>train_loss</c>, <c>train_accuracy</c>, <c>test_loss</c>, <c>test_accuracy</c>.
    /// </summary>
    public static Arm Create(string name, Func<nn.Module<Tensor, Tensor>> model, LabeledData train, LabeledData test,
        TrainingOptions? options = null, bool flatten = true)
    {
        if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("name must not be empty.", nameof(name));
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(test);
        var o = options ?? new TrainingOptions();
        return new Arm(name, (seed, progress) =>
        {
            Kit.Init();
            torch.manual_seed(seed);
            using var net = model();
            var history = Trainer.Fit(net, train, test, o with { Seed = seed, Name = $"{name}, seed {seed}" }, progress, flatten);
            var f = history.Final;
            var metrics = new Dictionary<string, double>
            {
                ["train_loss"] = f.TrainLoss, ["train_accuracy"] = f.TrainAccuracy,
                ["test_loss"] = f.TestLoss, ["test_accuracy"] = f.TestAccuracy,
            };
            return new RunRecord(name, seed, metrics, history);
        });
    }
}
