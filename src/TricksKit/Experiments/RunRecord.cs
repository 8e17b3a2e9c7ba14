namespace TricksKit;

/// <summary>
/// One arm run with one seed: its final metrics, when it trained its history, and any named series it wants to show
/// (e.g. the bins of a reliability diagram).
/// </summary>
public sealed record RunRecord(string Arm, int Seed, IReadOnlyDictionary<string, double> Metrics, TrainingHistory? History = null,
    double Seconds = 0, IReadOnlyDictionary<string, IReadOnlyList<double>>? Series = null);

/// <summary>
/// One arm of an experiment: a name and how to run it for a seed. The runner passes the seed and a progress sink;
/// the arm returns its metrics (and history). Arms of one seed must use the same data order and initial weights
/// where the architectures allow: seed everything from the given seed.
/// </summary>
public sealed record Arm(string Name, Func<int, IProgress<TrainingProgress>?, RunRecord> Run);
