using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Training.Callbacks;

/// <summary>One snapshot of <see cref="Snapshots"/>: after <paramref name="Step"/> steps, the cross-entropy (nats) and accuracy on its data.</summary>
public sealed record Snapshot(int Step, double Nll, double Accuracy);

/// <summary>
/// Snapshots of the model at chosen steps (the ends of a cyclic schedule's cycles, Huang et al. 2017, "Snapshot
/// Ensembles"): at each, the cross-entropy and accuracy on a data set and the softmax probabilities (float64), kept for
/// an ensemble, <c>p = mean_k softmax(f_k(x))</c>. Owns those tensors: dispose it when done.
/// </summary>
public sealed class Snapshots : TrainingCallback, IDisposable
{
    private readonly LabeledData data;
    private readonly HashSet<int> steps;
    private readonly List<Tensor> probabilities = new();
    private readonly List<Snapshot> points = new();

    /// <summary>Takes a snapshot on <paramref name="data"/> after each of <paramref name="steps"/> (steps taken, >= 1).</summary>
    public Snapshots(LabeledData data, IEnumerable<int> steps)
    {
        this.data = data ?? throw new ArgumentNullException(nameof(data));
        ArgumentNullException.ThrowIfNull(steps);
        this.steps = steps.ToHashSet();
        if (this.steps.Count == 0 || this.steps.Min() < 1) throw new ArgumentException("steps must hold at least one step, each >= 1.", nameof(steps));
    }

    /// <summary>Each snapshot's step, test cross-entropy (nats) and accuracy, in order.</summary>
    public IReadOnlyList<Snapshot> Points => points;

    /// <summary>Each snapshot's softmax probabilities, (N, C) float64, in order (owned by this object).</summary>
    public IReadOnlyList<Tensor> Probabilities => probabilities;

    /// <summary>The ensemble of the first <paramref name="k"/> snapshots (all by default): its cross-entropy (nats) and accuracy on the data.</summary>
    public (double Nll, double Accuracy) Ensemble(int? k = null)
    {
        int n = k ?? probabilities.Count;
        if (n < 1 || n > probabilities.Count) throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be in [1, {probabilities.Count}] (snapshots taken), got {k}.");
        using var scope = NewDisposeScope();
        var mean = stack(probabilities.Take(n)).mean(new long[] { 0 });
        return (-mean.gather(1, data.Labels.unsqueeze(1)).log().mean().item<double>(), Metrics.Accuracy(mean, data.Labels));
    }

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingState state)
    {
        if (!steps.Contains(state.Step)) return;
        using var scope = NewDisposeScope();
        var logits = Evaluation.Logits(state.Model, data);
        double nll = nn.functional.cross_entropy(logits, data.Labels).ItemAsDouble();
        points.Add(new Snapshot(state.Step, nll, Metrics.Accuracy(logits, data.Labels)));
        // Kept past the step's scope; disposed with this object.
        probabilities.Add(logits.to_type(ScalarType.Float64).softmax(1).DetachFromDisposeScope());
    }

    /// <summary>Disposes the kept probabilities.</summary>
    public void Dispose()
    {
        foreach (var p in probabilities) p.Dispose();
        probabilities.Clear();
    }
}
