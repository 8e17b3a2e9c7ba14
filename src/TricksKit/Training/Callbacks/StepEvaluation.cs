using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Training.Callbacks;

/// <summary>One evaluation of a <see cref="StepEvaluation"/>: after <paramref name="Step"/> steps, the accuracy (fraction).</summary>
public sealed record StepAccuracy(int Step, double Accuracy);

/// <summary>
/// Test accuracy measured every k steps during training, and the step at which a target was first reached (the
/// "steps to a target" of Ioffe and Szegedy's Fig. 1a).
/// </summary>
public sealed class StepEvaluation : TrainingCallback
{
    private readonly LabeledData data;
    private readonly int count;
    private readonly int every;
    private readonly bool flatten;
    private readonly double? stopAt;
    private readonly List<StepAccuracy> points = new();

    /// <summary>
    /// Evaluates the model on the first <paramref name="count"/> samples of <paramref name="data"/> (all by default) every
    /// <paramref name="every"/> steps, the features flattened to (N, D) when <paramref name="flatten"/> (false for a conv net).
    /// With <paramref name="stopAt"/> (an accuracy in (0, 1]) the run ends at the first evaluation that reaches it: what is
    /// timed is the steps to a target, and the steps after it would change nothing the callback measures.
    /// </summary>
    public StepEvaluation(LabeledData data, int every, int? count = null, bool flatten = true, double? stopAt = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), every, $"every must be >= 1 (steps), got {every}.");
        if (count is < 1) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be >= 1 (samples), got {count}.");
        if (stopAt is { } t && !(t > 0 && t <= 1)) throw new ArgumentOutOfRangeException(nameof(stopAt), stopAt, $"stopAt must be an accuracy in (0, 1], got {t}.");
        this.every = every;
        this.data = data;
        this.flatten = flatten;
        this.stopAt = stopAt;
        this.count = Math.Min(count ?? data.Count, data.Count);
    }

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingState state)
    {
        if (state.Step % every != 0) return;
        // The slices are made here, inside the step's scope, so nothing outlives the evaluation.
        using var scope = NewDisposeScope();
        var (x, y) = Trainer.OnModel(state.Model, (flatten ? data.Flat() : data.Features).narrow(0, 0, count), data.Labels.narrow(0, 0, count));
        points.Add(new StepAccuracy(state.Step, Metrics.Accuracy(Evaluation.Logits(state.Model, x), y)));
        if (stopAt is { } target && points[^1].Accuracy >= target) state.RequestStop();
    }

    /// <summary>The (step, accuracy) pairs measured so far.</summary>
    public IReadOnlyList<StepAccuracy> Points => points;

    /// <summary>The best accuracy seen (0 before any evaluation).</summary>
    public double Best => points.Count == 0 ? 0 : points.Max(p => p.Accuracy);

    /// <summary>The accuracy of the last evaluation (0 before any).</summary>
    public double Last => points.Count == 0 ? 0 : points[^1].Accuracy;

    /// <summary>The first evaluated step with accuracy >= <paramref name="target"/>, or <paramref name="notReached"/>.</summary>
    public double StepsTo(double target, double notReached) =>
        points.FirstOrDefault(p => p.Accuracy >= target) is { Step: > 0 } hit ? hit.Step : notReached;
}
