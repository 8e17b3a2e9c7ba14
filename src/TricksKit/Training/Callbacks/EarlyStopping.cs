using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Training.Callbacks;

/// <summary>
/// Early stopping on a validation set (Prechelt 1998): at every epoch the loop evaluates, the cross-entropy on
/// <c>validation</c>; the run stops once it has not improved for <c>patience</c> evaluations (never without a
/// patience: then it only records). <see cref="BestIndex"/> is the evaluation with the lowest loss, whose epoch is the
/// early-stopped model's.
/// </summary>
public sealed class EarlyStopping : TrainingCallback
{
    private readonly LabeledData validation;
    private readonly int? patience;
    private readonly List<double> losses = new();

    /// <summary>Watches the cross-entropy on <paramref name="validation"/>; stops after <paramref name="patience"/> evaluations without a new minimum (null: never).</summary>
    public EarlyStopping(LabeledData validation, int? patience = null)
    {
        this.validation = validation ?? throw new ArgumentNullException(nameof(validation));
        if (patience is < 1) throw new ArgumentOutOfRangeException(nameof(patience), patience, $"patience must be >= 1 (evaluations) or null, got {patience}.");
        this.patience = patience;
    }

    /// <summary>The validation cross-entropy (nats) at each evaluated epoch, in order.</summary>
    public IReadOnlyList<double> Losses => losses;

    /// <summary>The index in <see cref="Losses"/> of the lowest loss (the first of equals; -1 before any).</summary>
    public int BestIndex => losses.Count == 0 ? -1 : losses.IndexOf(losses.Min());

    /// <inheritdoc/>
    public override void OnEvaluated(TrainingState state, EpochRecord epoch)
    {
        using (var scope = NewDisposeScope())
            losses.Add(nn.functional.cross_entropy(Evaluation.Logits(state.Model, validation), validation.Labels).ItemAsDouble());
        if (patience is int p && losses.Count - 1 - BestIndex >= p) state.RequestStop();
    }
}
