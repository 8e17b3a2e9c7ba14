namespace Tricks.Gallery;

/// <summary>
/// How a notebook's executed copy came about, as the runner reports it: its wall time, the peak resident memory of its
/// process tree, the executed notebook's size, whether this build reused an earlier run (nothing it depends on had
/// changed) and the commit it ran at.
/// </summary>
public sealed record NotebookRun(double Seconds, double PeakRssMb, long Bytes, bool Reused = false, string Commit = "");
