using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Training;

/// <summary>
/// The one way the kit evaluates a classifier: logits in evaluation mode (dropout off, batch norm on its running
/// statistics), without gradients, in chunks of <see cref="ChunkSize"/> samples, the model's training mode restored
/// after. The training loop's per-epoch evaluation, the experiments' final metrics and every design's extra
/// measurements go through it, so the same model on the same data gives the same numbers everywhere.
/// </summary>
public static class Evaluation
{
    /// <summary>Samples per forward pass (bounds the memory of evaluating a large set).</summary>
    public const int ChunkSize = 1000;

    /// <summary>Logits of <paramref name="model"/> for features already shaped as it wants them and on its device, (N, C).</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(model);
        Check.NotNull(x, nameof(x));
        using var noGrad = no_grad();
        bool was = model.training;
        model.eval();
        try
        {
            long n = x.shape[0];
            if (n <= ChunkSize) return model.call(x);
            using var scope = NewDisposeScope();
            var parts = new List<Tensor>();
            for (long from = 0; from < n; from += ChunkSize) parts.Add(model.call(x.narrow(0, from, Math.Min(ChunkSize, n - from))));
            return cat(parts, 0).MoveToOuterDisposeScope();
        }
        finally
        {
            if (was) model.train();
        }
    }

    /// <summary>Logits of <paramref name="model"/> on a data set (features flattened to (N, D) when <paramref name="flatten"/>, moved to the model's device and floating type), (N, C).</summary>
    public static Tensor Logits(nn.Module<Tensor, Tensor> model, LabeledData data, bool flatten = true)
    {
        ArgumentNullException.ThrowIfNull(data);
        using var scope = NewDisposeScope();
        var (x, _) = Trainer.OnModel(model, flatten ? data.Flat() : data.Features, data.Labels);
        return Logits(model, x).MoveToOuterDisposeScope();
    }

    /// <summary>Mean <paramref name="loss"/> (default cross-entropy) and accuracy of <paramref name="model"/> on <paramref name="x"/> against class indices <paramref name="y"/>.</summary>
    public static (double Loss, double Accuracy) LossAndAccuracy(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y,
        Loss<Tensor, Tensor, Tensor>? loss = null)
    {
        using var scope = NewDisposeScope();
        var logits = Logits(model, x);
        double l = loss is null ? nn.functional.cross_entropy(logits, y).ItemAsDouble() : loss.call(logits, y).ItemAsDouble();
        return (l, Metrics.Accuracy(logits, y));
    }
}
