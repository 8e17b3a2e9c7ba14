using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Training;

/// <summary>
/// The one extension point of <see cref="Trainer.Fit"/>'s loop, as fastai's callbacks and PyTorch Lightning's
/// <c>Callback</c>: override the events you need; the loop calls them in the order of
/// <see cref="TrainingOptions.Callbacks"/>. A callback may keep what it measures (step evaluations, snapshots,
/// probes) for the caller to read after training; one that holds tensors implements <see cref="IDisposable"/>.
/// From F#: <c>{ new TrainingCallback() with override _.OnStepEnd(s) = ... }</c>.
/// </summary>
public abstract class TrainingCallback
{
    /// <summary>Before anything else of the run (before the run's seed is set): e.g. a probe of the initial weights.</summary>
    public virtual void OnTrainBegin(TrainingState state) { }

    /// <summary>After every optimisation step (<see cref="TrainingState.Step"/> steps taken); <see cref="TrainingState.RequestStop"/> ends the run after it.</summary>
    public virtual void OnStepEnd(TrainingState state) { }

    /// <summary>At the end of every epoch's batches, before its evaluation (<see cref="TrainingState.Epoch"/> epochs done).</summary>
    public virtual void OnEpochEnd(TrainingState state) { }

    /// <summary>After the loop evaluated an epoch; <see cref="TrainingState.RequestStop"/> ends the run there (early stopping).</summary>
    public virtual void OnEvaluated(TrainingState state, EpochRecord epoch) { }

    /// <summary>Once the run ended normally (not called when it diverged or threw).</summary>
    public virtual void OnTrainEnd(TrainingState state) { }
}

/// <summary>Where a run is, as its callbacks see it. Changes as the loop advances; read it inside the event.</summary>
public sealed class TrainingState
{
    internal TrainingState(nn.Module<Tensor, Tensor> model, string name, int epochs, int totalSteps)
    {
        Model = model; Name = name; Epochs = epochs; TotalSteps = totalSteps;
    }

    /// <summary>The model being trained.</summary>
    public nn.Module<Tensor, Tensor> Model { get; }

    /// <summary>The run's name (<see cref="TrainingOptions.Name"/>).</summary>
    public string Name { get; }

    /// <summary>The epochs the run may train (<see cref="TrainingOptions.Epochs"/>).</summary>
    public int Epochs { get; }

    /// <summary>The steps the run trains at most (epochs x batches, or <see cref="TrainingOptions.MaxSteps"/>).</summary>
    public int TotalSteps { get; }

    /// <summary>Optimisation steps taken so far.</summary>
    public int Step { get; internal set; }

    /// <summary>Epochs finished so far (1-based at <see cref="TrainingCallback.OnEpochEnd"/>).</summary>
    public int Epoch { get; internal set; }

    /// <summary>True once a callback asked the run to stop.</summary>
    public bool StopRequested { get; private set; }

    /// <summary>
    /// Ends the run: from <see cref="TrainingCallback.OnStepEnd"/> after that step (the epoch's end events and its
    /// evaluation follow), from <see cref="TrainingCallback.OnEvaluated"/> after that evaluation.
    /// </summary>
    public void RequestStop() => StopRequested = true;
}
