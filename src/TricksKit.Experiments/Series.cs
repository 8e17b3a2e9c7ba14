namespace TricksKit.Experiments;

/// <summary>
/// A sequence a run records for its figures (accuracy every k steps, the bins of a reliability diagram, the samples
/// of a GAN): its <see cref="Key"/> in <see cref="RunRecord.SeriesValues"/> and the results JSON and a label with its
/// unit. Declared once, as a static field beside the design or the callback that records it, and used by both the
/// design that writes it and the figure that reads it: no series name is typed twice.
/// </summary>
public sealed record Series(string Key, string Label)
{
    /// <summary>The key.</summary>
    public override string ToString() => Key;
}
