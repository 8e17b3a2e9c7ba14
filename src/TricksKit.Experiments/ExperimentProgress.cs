namespace TricksKit.Experiments;

/// <summary>Progress of an experiment: which run (arm, seed) and, inside it, the training step.</summary>
public sealed record ExperimentProgress(string Arm, int Seed, int Run, int TotalRuns, TrainingProgress? Step);
