namespace TricksKit.Training;

/// <summary>
/// Where <see cref="Trainer.Fit"/> keeps its checkpoint and how often it writes it. A checkpoint holds the model's
/// state_dict, the optimizer's state (momentum, Adam moments, step counts), the random generator, the step and epoch
/// reached (which fix the schedule's rate and the next batch order) and the history so far, so a resumed run ends with
/// the same weights, bit for bit, as one that never stopped. Written atomically: a crash while writing leaves the
/// previous checkpoint as it was. Resumed all or nothing: the file is checked whole (length, checksum, and that this
/// run wrote it: seed, batch size, the training set's content) before anything is loaded, and a damaged or foreign
/// file is an <see cref="InvalidDataException"/> naming it, the model and optimizer left as they were. A checkpoint of
/// fewer epochs than <see cref="TrainingOptions.Epochs"/> (finished or not) trains on; one of more is refused. The
/// folder is checked writable before training starts.
/// </summary>
/// <param name="Path">the checkpoint file (its folder is created).</param>
public sealed record CheckpointOptions(string Path)
{
    private readonly int every = 1;

    /// <summary>Write after every this many epochs (>= 1), and after the last or an early stop.</summary>
    public int Every
    {
        get => every;
        init => every = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(Every), value, $"Every must be >= 1 (epochs), got {value}.");
    }

    /// <summary>When the file exists at the start, continue from it (true, the default) or start over and overwrite it.</summary>
    public bool Resume { get; init; } = true;
}
