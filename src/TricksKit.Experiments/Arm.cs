namespace TricksKit.Experiments;

/// <summary>
/// The seeds of one run: <see cref="Seed"/> drives the data, its order and the run's random draws; <see cref="Init"/>
/// drives the initial weights. They are equal except in an A/A arm (<see cref="Arm.NoiseFloor"/>), which changes only
/// the initialisation.
/// </summary>
public readonly record struct RunSeed(int Seed, int Init)
{
    /// <summary>A run whose initial weights follow its seed.</summary>
    public static RunSeed Of(int seed) => new(seed, seed);
}

/// <summary>
/// One arm of an experiment: a name and how to run it for a seed. The runner passes the seeds and a progress sink;
/// the arm returns its record. Arms of one seed must use the same data order and initial weights where the
/// architectures allow: seed the data and the order from <see cref="RunSeed.Seed"/> and call
/// <c>torch.manual_seed(seeds.Init)</c> right before building the model (<see cref="ClassifierArm"/> does).
/// </summary>
public sealed record Arm(string Name, Func<RunSeed, IProgress<TrainingProgress>?, RunRecord> Run)
{
    /// <summary>How far an A/A arm moves the initialisation seed.</summary>
    public const int NoiseInitOffset = 100_003;

    /// <summary>
    /// The A/A control of <paramref name="baseline"/>: the same arm, same data and data order, initialised from
    /// another stream. Its distance from the baseline is the noise floor an effect must beat.
    /// </summary>
    public static Arm NoiseFloor(Arm baseline, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return new Arm(name ?? NoiseFloorName(baseline.Name), (s, p) => baseline.Run(s with { Init = s.Init + NoiseInitOffset }, p));
    }

    /// <summary>The name <see cref="NoiseFloor"/> gives the A/A twin of the arm <paramref name="baseline"/>.</summary>
    public static string NoiseFloorName(string baseline) => $"{baseline} (A/A: other init)";
}
