namespace Tricks.Lab;

/// <summary>
/// The model a practitioner keeps: the evaluated epoch with the lowest cross-entropy on a validation split taken from
/// the training data (early stopping, Prechelt 1998), read after the run. The strongest plain baseline against a
/// regulariser (dropout, flooding): each arm is scored at the epoch its own validation loss picks.
/// </summary>
public static class EarlyStopped
{
    /// <summary>The metric <c>early_stopped_test_nll</c>: test NLL at the epoch of the lowest validation NLL (nats).</summary>
    public static readonly Metric TestNll = new("early_stopped_test_nll", "test NLL at the epoch of the lowest validation NLL (nats)", HigherIsBetter: false);
    /// <summary>The metric <c>early_stopped_test_accuracy</c>: test accuracy at the epoch of the lowest validation NLL (fraction).</summary>
    public static readonly Metric TestAccuracy = new("early_stopped_test_accuracy", "test accuracy at the epoch of the lowest validation NLL (fraction)");
    /// <summary>The series <c>validation_nll</c>: the validation NLL at each evaluated epoch (nats).</summary>
    public static readonly Series ValidationNll = new("validation_nll", "validation NLL at each evaluated epoch (nats)");

    /// <summary>
    /// The callback that measures the validation NLL at every evaluated epoch of a run with data seed
    /// <paramref name="seed"/>: on <paramref name="count"/> training images of that seed's draw, disjoint from its
    /// <paramref name="trainCount"/> training images (<see cref="FashionSubsets.Validation"/>). It records only: the run
    /// trains to its end, and <see cref="Record"/> reads the epoch it would have stopped at.
    /// </summary>
    public static EarlyStopping Callback(ExperimentSettings settings, int seed, int trainCount, int count) =>
        new(FashionSubsets.Validation(seed, trainCount, count, (settings ?? throw new ArgumentNullException(nameof(settings))).DataPath));

    /// <summary>Sets <see cref="TestNll"/>, <see cref="TestAccuracy"/> and <see cref="ValidationNll"/> from the run's <see cref="EarlyStopping"/> callback and history.</summary>
    public static void Record(ArmRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var validation = run.Callback<EarlyStopping>();
        var best = (run.History ?? throw new InvalidOperationException($"arm '{run.Arm}' has no history to stop early in.")).Epochs[validation.BestIndex];
        run.Set(TestNll, best.TestLoss);
        run.Set(TestAccuracy, best.TestAccuracy);
        run.Set(ValidationNll, validation.Losses.ToArray());
    }
}
