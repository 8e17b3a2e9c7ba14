using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Test accuracy measured every k steps during training (through <see cref="TrainingOptions.OnStep"/>), and the step
/// at which a target was first reached.
/// </summary>
public sealed class StepEvaluation
{
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly LabeledData data;
    private readonly int count;
    private readonly int every;
    private readonly List<(int Step, double Accuracy)> points = new();

    /// <summary>Evaluates <paramref name="model"/> on the first <paramref name="count"/> samples of <paramref name="data"/> every <paramref name="every"/> steps.</summary>
    public StepEvaluation(nn.Module<Tensor, Tensor> model, LabeledData data, int every, int? count = null)
    {
        this.model = model ?? throw new ArgumentNullException(nameof(model));
        ArgumentNullException.ThrowIfNull(data);
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, "every must be >= 1.");
        this.every = every;
        this.data = data;
        this.count = Math.Min(count ?? data.Count, data.Count);
    }

    /// <summary>Pass as <see cref="TrainingOptions.OnStep"/>.</summary>
    public void OnStep(int step)
    {
        if (step % every != 0) return;
        // The slices are made here, inside the step's scope, so nothing outlives the evaluation.
        using var scope = NewDisposeScope();
        var (x, y) = Trainer.OnModel(model, data.Flat().narrow(0, 0, count), data.Labels.narrow(0, 0, count));
        points.Add((step, Metrics.Accuracy(Evaluation.Logits(model, x), y)));
    }

    /// <summary>The (step, test accuracy) pairs measured so far.</summary>
    public IReadOnlyList<(int Step, double Accuracy)> Points => points;

    /// <summary>The best accuracy seen (0 before any evaluation).</summary>
    public double Best => points.Count == 0 ? 0 : points.Max(p => p.Accuracy);

    /// <summary>The first evaluated step with accuracy >= <paramref name="target"/>, or <paramref name="notReached"/>.</summary>
    public double StepsTo(double target, double notReached) =>
        points.FirstOrDefault(p => p.Accuracy >= target) is { Step: > 0 } hit ? hit.Step : notReached;
}
