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
    /// <summary>How many runs each seed's record is the mean of: 1, or the count <see cref="Replicated"/> was given.</summary>
    public int Replicates { get; init; } = 1;

    /// <summary>How far an A/A arm moves the initialisation seed.</summary>
    public const int NoiseInitOffset = 100_003;

    /// <summary>
    /// The A/A control of <paramref name="baseline"/>: the same arm, same data and data order, initialised from
    /// another stream. Its distance from the baseline is the noise floor an effect must beat.
    /// </summary>
    public static Arm NoiseFloor(Arm baseline, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        return new Arm(name ?? NoiseFloorName(baseline.Name), (s, p) => baseline.Run(s with { Init = s.Init + NoiseInitOffset }, p)) { Replicates = baseline.Replicates };
    }

    /// <summary>The name <see cref="NoiseFloor"/> gives the A/A twin of the arm <paramref name="baseline"/>.</summary>
    public static string NoiseFloorName(string baseline) => $"{baseline} (A/A: other init)";

    /// <summary>How far each further replicate of <see cref="Replicated"/> moves a run's data and initialisation seeds.</summary>
    public const int ReplicateSeedOffset = 1_000_003;

    /// <summary>
    /// <paramref name="arm"/> trained <paramref name="count"/> times per seed, each time from an independent draw, and
    /// reported as one run whose metrics, series and history are the means over the replicates: more runs per seed
    /// when a seed's single run is too noisy for the interval a claim needs. Replicate r of seed s runs with data seed
    /// s + r x <see cref="ReplicateSeedOffset"/> and initialisation seed Init + r x <see cref="ReplicateSeedOffset"/>,
    /// so replicate 0 is the arm's own run, and two replicated arms of one seed still share each replicate's data and
    /// initial weights (the pairing of <see cref="PairedTest"/> holds per seed). Means suit metrics that are averages
    /// (accuracy, NLL, ECE); a metric of +infinity (a target never reached) stays +infinity. The record's seconds are the
    /// replicates' sum; progress runs over all replicates' steps. A series that has no mean (generated samples) is named
    /// in <paramref name="firstOnly"/> and taken from replicate 0.
    /// </summary>
    public static Arm Replicated(Arm arm, int count, IEnumerable<Series>? firstOnly = null)
    {
        ArgumentNullException.ThrowIfNull(arm);
        if (count is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be in [1, 100], got {count}.");
        var first = (firstOnly ?? Enumerable.Empty<Series>()).Select(x => (x ?? throw new ArgumentException("firstOnly must not hold null.", nameof(firstOnly))).Key).ToHashSet();
        if (count == 1) return arm;
        return new Arm(arm.Name, (seeds, progress) =>
        {
            var records = new RunRecord[count];
            for (int r = 0; r < count; r++)
            {
                int replicate = r;
                var offset = r * ReplicateSeedOffset;
                var sink = progress is null ? null : new Execution.Relay<TrainingProgress>(p => progress.Report(p with
                {
                    Step = replicate * p.TotalSteps + p.Step, TotalSteps = count * p.TotalSteps,
                }));
                records[r] = arm.Run(new RunSeed(checked(seeds.Seed + offset), checked(seeds.Init + offset)), sink);
            }
            return ReplicateMean.Of(arm.Name, seeds.Seed, records, first);
        }) { Replicates = checked(count * arm.Replicates) };
    }
}
