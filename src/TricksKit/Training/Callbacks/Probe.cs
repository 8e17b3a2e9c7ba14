using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Training.Callbacks;

/// <summary>One measurement of a <see cref="Probe{T}"/>: after <paramref name="Step"/> steps (0: before training), its value.</summary>
public sealed record ProbeValue<T>(int Step, T Value);

/// <summary>
/// A measurement of the model taken during training: once before the run starts (<see cref="AtStart"/>, e.g. the
/// gradient norms at the initial weights) or every k steps (<see cref="EverySteps"/>, e.g. the distribution of one
/// unit's input). The measure runs inside the loop's dispose scope: return plain values, not tensors.
/// </summary>
public sealed class Probe<T> : TrainingCallback
{
    private readonly Func<nn.Module<Tensor, Tensor>, T> measure;
    private readonly int every;
    private readonly List<ProbeValue<T>> values = new();

    private Probe(Func<nn.Module<Tensor, Tensor>, T> measure, int every)
    {
        this.measure = measure ?? throw new ArgumentNullException(nameof(measure));
        this.every = every;
    }

    /// <summary>Measures the model once, before training (step 0).</summary>
    public static Probe<T> AtStart(Func<nn.Module<Tensor, Tensor>, T> measure) => new(measure, 0);

    /// <summary>Measures the model every <paramref name="every"/> steps.</summary>
    public static Probe<T> EverySteps(int every, Func<nn.Module<Tensor, Tensor>, T> measure) =>
        every >= 1 ? new(measure, every) : throw new ArgumentOutOfRangeException(nameof(every), every, $"every must be >= 1 (steps), got {every}.");

    /// <summary>The (step, value) pairs measured so far.</summary>
    public IReadOnlyList<ProbeValue<T>> Values => values;

    /// <inheritdoc/>
    public override void OnTrainBegin(TrainingState state)
    {
        if (every == 0) values.Add(new ProbeValue<T>(0, measure(state.Model)));
    }

    /// <inheritdoc/>
    public override void OnStepEnd(TrainingState state)
    {
        if (every > 0 && state.Step % every == 0) values.Add(new ProbeValue<T>(state.Step, measure(state.Model)));
    }
}
