namespace TricksKit.Training;

/// <summary>What one epoch ended with: mean training loss, and the evaluation on the training and test sets.</summary>
public sealed record EpochRecord(int Epoch, int Step, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy);

/// <summary>
/// The record of one training run: the loss and the learning rate actually used at every step, and the
/// per-epoch evaluation. Immutable.
/// </summary>
public sealed record TrainingHistory(
    string Name,
    IReadOnlyList<double> StepLoss,
    IReadOnlyList<double> StepLr,
    IReadOnlyList<EpochRecord> Epochs,
    double Seconds)
{
    /// <summary>The last epoch's record.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public EpochRecord Final => Epochs.Count > 0 ? Epochs[^1] : throw new InvalidOperationException("the run recorded no epoch.");
}

/// <summary>Progress of a run, reported through <see cref="IProgress{T}"/> after each step or epoch.</summary>
public sealed record TrainingProgress(string Name, int Step, int TotalSteps, int Epoch, double Loss, EpochRecord? LastEpoch);
