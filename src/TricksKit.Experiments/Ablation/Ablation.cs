namespace TricksKit.Experiments;

/// <summary>
/// An ablation in the manner of He et al., "Bag of Tricks for Image Classification" (CVPR 2019, Table 1): a baseline
/// <see cref="Recipe"/> and named <see cref="Trick"/>s added one at a time in a stated order (<see cref="Cumulative"/>,
/// each stage at its own rate), and optionally removed one at a time from the full stack (<see cref="LeaveOneOut"/>, at
/// the full stack's rate), with an A/A twin of the baseline (another initialisation) as the noise floor. The arms run on
/// the experiment engine as one <see cref="Design"/> (in process, in shards with <c>Shards.Run</c> and <c>Shards.Merge</c>,
/// and in worker lanes when a worker can rebuild the design, as for a catalog study's); <see cref="Table"/> reads a
/// result as the table of levels, paired gains with 95% intervals and verdicts. Usable from C# and F#.
/// </summary>
public sealed class Ablation
{
    /// <summary>The baseline stage's name.</summary>
    public const string BaselineName = "baseline";

    /// <summary>The A/A twin of the baseline: the noise floor.</summary>
    public static readonly string NoiseName = Arm.NoiseFloorName(BaselineName);

    /// <summary>
    /// An ablation of <paramref name="tricks"/> (at least one, distinct names) on <paramref name="baseline"/>.
    /// </summary>
    /// <param name="baseline">the recipe with no trick on.</param>
    /// <param name="tricks">the tricks, in the order they are stacked.</param>
    /// <param name="rates">the peak rate of each cumulative stage, baseline first (tricks + 1 of them, each &gt; 0, chosen on
    /// validation data); null: the baseline's rate at every stage.</param>
    /// <param name="leaveOneOut">also remove each trick from the full stack, one at a time.</param>
    public Ablation(Recipe baseline, IEnumerable<Trick> tricks, IReadOnlyList<double>? rates = null, bool leaveOneOut = true)
    {
        Baseline = baseline ?? throw new ArgumentNullException(nameof(baseline));
        ArgumentNullException.ThrowIfNull(tricks);
        Tricks = tricks.ToArray();
        if (Tricks.Count == 0) throw new ArgumentException("tricks must hold at least one trick.", nameof(tricks));
        if (Tricks.Any(t => t is null)) throw new ArgumentException("tricks must not hold null.", nameof(tricks));
        var dup = Tricks.GroupBy(t => t.Name).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new ArgumentException($"tricks must have distinct names; '{dup.Key}' appears {dup.Count()} times.", nameof(tricks));
        var cumulative = Cumulative(baseline, Tricks, rates);   // checks the rates
        Rates = cumulative.Select(s => s.Recipe.Rate).ToArray();
        HasLeaveOneOut = leaveOneOut;
        // The full stack without its last trick is the cumulative stage before the full stack, trained again unless its
        // rate differs: read that stage's arm instead.
        var leftOut = leaveOneOut ? LeaveOneOut(baseline, Tricks, Rates[^1]).Skip(1)
            .Select(s => ReferenceEquals(s.Trick, Tricks[^1]) && Rates[^2] == Rates[^1] ? s with { SameAs = cumulative[^2].Name } : s) : Enumerable.Empty<AblationStage>();
        Stages = cumulative.Concat(leftOut).ToArray();
        FullStackName = Stages.Last(s => s.Kind != StageKind.LeaveOneOut).Name;
    }

    /// <summary>The recipe with no trick on.</summary>
    public Recipe Baseline { get; }
    /// <summary>The tricks, in stacking order.</summary>
    public IReadOnlyList<Trick> Tricks { get; }
    /// <summary>Each cumulative stage's peak rate, the baseline's first.</summary>
    public IReadOnlyList<double> Rates { get; }
    /// <summary>Whether the tricks are also left out of the full stack one at a time.</summary>
    public bool HasLeaveOneOut { get; }
    /// <summary>The stages: baseline, cumulative, then leave-one-out.</summary>
    public IReadOnlyList<AblationStage> Stages { get; }
    /// <summary>The full stack's arm: the last cumulative stage.</summary>
    public string FullStackName { get; }

    /// <summary>The name of the cumulative stage that adds <paramref name="trick"/> ("+ batch norm").</summary>
    public static string AddedName(Trick trick) => $"+ {(trick ?? throw new ArgumentNullException(nameof(trick))).Name}";
    /// <summary>The name of the full stack without <paramref name="trick"/> ("all but batch norm").</summary>
    public static string LeftOutName(Trick trick) => $"all but {(trick ?? throw new ArgumentNullException(nameof(trick))).Name}";

    /// <summary>
    /// The cumulative stages of <paramref name="tricks"/> on <paramref name="baseline"/>: the baseline, then each trick
    /// added to the stage before, stage i at <paramref name="rates"/>[i] (null: the baseline's rate); each is compared
    /// with the one before it.
    /// </summary>
    public static IReadOnlyList<AblationStage> Cumulative(Recipe baseline, IReadOnlyList<Trick> tricks, IReadOnlyList<double>? rates = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(tricks);
        if (rates is not null)
        {
            if (rates.Count != tricks.Count + 1)
                throw new ArgumentException($"rates must hold one rate per stage, the baseline's first: {tricks.Count + 1}, got {rates.Count}.", nameof(rates));
            for (int i = 0; i < rates.Count; i++)
                if (!(rates[i] > 0) || !double.IsFinite(rates[i])) throw new ArgumentOutOfRangeException(nameof(rates), rates[i], $"rates[{i}] must be finite and > 0.");
        }
        var stages = new List<AblationStage> { new(BaselineName, StageKind.Baseline, null, baseline with { Rate = rates?[0] ?? baseline.Rate }, null) };
        var recipe = baseline;
        for (int i = 0; i < tricks.Count; i++)
        {
            recipe = tricks[i].Apply(recipe) ?? throw new InvalidOperationException($"trick '{tricks[i].Name}' returned no recipe.");
            stages.Add(new(AddedName(tricks[i]), StageKind.Cumulative, tricks[i], recipe with { Rate = rates?[i + 1] ?? baseline.Rate }, stages[^1].Name));
        }
        return stages;
    }

    /// <summary>
    /// The leave-one-out stages of <paramref name="tricks"/> on <paramref name="baseline"/>: the full stack (every trick,
    /// in order), then the full stack without each trick, all at <paramref name="rate"/> (null: the baseline's); each is
    /// compared with the full stack (the gain: what the trick adds when all the others are on).
    /// </summary>
    public static IReadOnlyList<AblationStage> LeaveOneOut(Recipe baseline, IReadOnlyList<Trick> tricks, double? rate = null)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(tricks);
        if (tricks.Count == 0) throw new ArgumentException("tricks must hold at least one trick.", nameof(tricks));
        double r = rate ?? baseline.Rate;
        Recipe Stack(Trick? without) => tricks.Where(t => !ReferenceEquals(t, without)).Aggregate(baseline, (acc, t) => t.Apply(acc)) with { Rate = r };
        var full = new AblationStage(AddedName(tricks[^1]), StageKind.Cumulative, tricks[^1], Stack(null), null);
        return new[] { full }.Concat(tricks.Select(t => new AblationStage(LeftOutName(t), StageKind.LeaveOneOut, t, Stack(t), full.Name))).ToArray();
    }

    /// <summary>The arms: every stage that trains its own (not <see cref="AblationStage.SameAs"/> another), then the baseline's A/A twin (<see cref="NoiseName"/>).</summary>
    public IReadOnlyList<Arm> Arms()
    {
        var arms = Stages.Where(s => s.SameAs is null).Select(s => s.Recipe.ToArm(s.Name)).ToList();
        arms.Add(Arm.NoiseFloor(arms[0], NoiseName));
        return arms;
    }

    /// <summary>
    /// The ablation as a design of the engine, <paramref name="trick"/> naming it in the results and
    /// <paramref name="name"/> its files, with <paramref name="claims"/> declared before the run (none: the table
    /// reports, nothing is claimed).
    /// </summary>
    public ExperimentDesign Design(string trick = "ablation", string? name = null, Func<ExperimentResult, IReadOnlyList<Claim>>? claims = null) =>
        new(trick, name ?? trick, _ => Arms(), claims ?? (_ => Array.Empty<Claim>()));

    /// <summary>Runs the arms over the seeds of <paramref name="settings"/> on the engine and returns the table.</summary>
    public AblationTable Run(ExperimentSettings settings, IProgress<ExperimentProgress>? progress = null) => Table(Design().Run(settings, progress));

    /// <summary>The table of <paramref name="result"/>, a run of this ablation's arms, on <paramref name="metrics"/> (default: test accuracy, NLL, ECE; the first decides the verdicts).</summary>
    public AblationTable Table(ExperimentResult result, IReadOnlyList<Metric>? metrics = null) => new(this, result, metrics ?? AblationTable.DefaultMetrics);

    /// <summary>
    /// The claim that the full stack beats the baseline on <paramref name="metric"/> by at least
    /// <paramref name="threshold"/> (a paired gain), expected <paramref name="expected"/>, against the A/A noise floor.
    /// </summary>
    public Claim FullStackClaim(ExperimentResult result, Metric metric, double threshold, Verdict expected) =>
        Claim.Paired(result, $"the full stack beats the baseline on {metric.Label}", expected, new PairedTest(metric, Effect.Gain, threshold),
            FullStackName, BaselineName, NoiseName);
}
