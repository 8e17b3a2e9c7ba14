using System.Text;
using Microsoft.Data.Analysis;
using TricksKit.Experiments.Statistics;

namespace TricksKit.Experiments;

/// <summary>A metric's estimate in a table: the metric and its mean (or paired gain) with the 95% Student t interval over the seeds.</summary>
public sealed record MetricEstimate(Metric Metric, Estimate Estimate);

/// <summary>
/// One row of an <see cref="AblationTable"/>: the stage, each metric's level, and against the stage it is compared
/// with (<see cref="AblationStage.Reference"/>) each metric's paired gain (positive is better), with the verdict on the
/// first metric's gain. A leave-one-out row's gain is the full stack's over it: what the trick adds when all the
/// others are on. The noise-floor row's gain is the A/A twin's over the baseline.
/// </summary>
public sealed record AblationRow(AblationStage? Stage, string Name, string? Reference, IReadOnlyList<MetricEstimate> Levels,
    IReadOnlyList<MetricEstimate> Gains, StageVerdict? Verdict)
{
    /// <summary>The level of <paramref name="metric"/>.</summary>
    public Estimate Level(Metric metric) => Levels.First(l => l.Metric == metric).Estimate;
    /// <summary>The paired gain on <paramref name="metric"/> (null on the baseline row).</summary>
    public Estimate? Gain(Metric metric) => Gains.FirstOrDefault(g => g.Metric == metric)?.Estimate;
}

/// <summary>
/// An ablation's result as He et al.'s Table 1 reads it, with intervals: per stage each metric's mean and paired gain
/// over the stage before (or, leave-one-out, the full stack's gain over the stage), 95% Student t intervals over the
/// seeds, and a verdict (<see cref="StageVerdict"/>) on the first metric. Immutable.
/// </summary>
public sealed class AblationTable
{
    /// <summary>Test accuracy, test NLL, test ECE.</summary>
    public static readonly IReadOnlyList<Metric> DefaultMetrics = new[] { ClassifierMetrics.TestAccuracy, ClassifierMetrics.TestNll, ClassifierMetrics.TestEce };

    internal AblationTable(Ablation ablation, ExperimentResult result, IReadOnlyList<Metric> metrics)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(metrics);
        if (metrics.Count == 0) throw new ArgumentException("metrics must hold at least one metric.", nameof(metrics));
        Ablation = ablation;
        Result = result;
        Metrics = metrics;
        var missing = ablation.Stages.Select(s => s.Arm).Append(Ablation.NoiseName).Where(n => result.Arms.All(a => a.Name != n)).ToArray();
        if (missing.Length > 0) throw new ArgumentException($"result must hold every arm of the ablation; missing: {string.Join(", ", missing)}.", nameof(result));
        Rows = ablation.Stages.Select(s => s.Kind switch
        {
            StageKind.Baseline => Row(s, s.Name, s.Arm, null),
            StageKind.LeaveOneOut => Row(s, s.Name, s.Arm, (ablation.FullStackName, s.Arm)),
            _ => Row(s, s.Name, s.Arm, (s.Arm, s.Reference!)),
        }).ToArray();
        Noise = Row(null, Ablation.NoiseName, Ablation.NoiseName, (Ablation.NoiseName, Ablation.BaselineName));
        Total = Row(null, $"all tricks ({ablation.FullStackName}) against the {Ablation.BaselineName}", ablation.FullStackName, (ablation.FullStackName, Ablation.BaselineName));
    }

    /// <summary>A row: the levels of <paramref name="levelsOf"/>, and the paired gain of <c>pair.Arm</c> over <c>pair.Against</c>.</summary>
    private AblationRow Row(AblationStage? stage, string name, string levelsOf, (string Arm, string Against)? pair)
    {
        var levels = Metrics.Select(m => new MetricEstimate(m, Estimate.Mean(Result[levelsOf].Values(m)))).ToArray();
        if (pair is not { } q) return new AblationRow(stage, name, null, levels, Array.Empty<MetricEstimate>(), null);
        // The single-trick notebooks' paired test, at a threshold of no effect: the gain with its interval, and its verdict.
        var outcomes = Metrics.Select(m => new PairedTest(m, Effect.Gain, 0).On(Result[q.Arm].Values(m), Result[q.Against].Values(m))).ToArray();
        var gains = Metrics.Zip(outcomes, (m, o) => new MetricEstimate(m, o.Effect)).ToArray();
        return new AblationRow(stage, name, q.Arm == levelsOf ? q.Against : q.Arm, levels, gains, StageVerdicts.Of(outcomes[0].Verdict));
    }

    /// <summary>The ablation.</summary>
    public Ablation Ablation { get; }
    /// <summary>The run it reads.</summary>
    public ExperimentResult Result { get; }
    /// <summary>The metrics, the first deciding the verdicts.</summary>
    public IReadOnlyList<Metric> Metrics { get; }
    /// <summary>One row per stage: baseline, cumulative, leave-one-out.</summary>
    public IReadOnlyList<AblationRow> Rows { get; }
    /// <summary>The cumulative rows (baseline first).</summary>
    public IReadOnlyList<AblationRow> CumulativeRows => Rows.Where(r => r.Stage!.Kind != StageKind.LeaveOneOut).ToArray();
    /// <summary>The leave-one-out rows.</summary>
    public IReadOnlyList<AblationRow> LeaveOneOutRows => Rows.Where(r => r.Stage!.Kind == StageKind.LeaveOneOut).ToArray();
    /// <summary>The A/A twin against the baseline: the noise floor every gain is read beside.</summary>
    public AblationRow Noise { get; }
    /// <summary>The full stack against the baseline.</summary>
    public AblationRow Total { get; }

    /// <summary>The leave-one-out row whose trick adds most to the first metric when all the others are on (null without leave-one-out).</summary>
    public AblationRow? MattersMost => LeaveOneOutRows.OrderByDescending(r => r.Gains[0].Estimate.Value).FirstOrDefault();

    /// <summary>
    /// The table as a data frame (what the notebook shows): per row (the stages, then the noise floor and the total) its
    /// kind, each metric's level and paired gain as "mean [low, high]", and the verdict.
    /// </summary>
    public DataFrame ToDataFrame()
    {
        var rows = Rows.Append(Noise).Append(Total).ToArray();
        var columns = new List<DataFrameColumn>
        {
            new StringDataFrameColumn("stage", rows.Select(r => r == Total ? "all tricks vs baseline" : r.Name)),
            new StringDataFrameColumn("kind", rows.Select(r => r.Stage is { } s ? (s.Kind == StageKind.LeaveOneOut ? "leave one out" : "cumulative") : r == Noise ? "A/A noise floor" : "total")),
        };
        foreach (var m in Metrics)
        {
            columns.Add(new StringDataFrameColumn(m.Key, rows.Select(r => r.Level(m).Shown)));
            columns.Add(new StringDataFrameColumn($"{m.Key} gain", rows.Select(r => r.Gain(m)?.Shown ?? "")));
        }
        columns.Add(new StringDataFrameColumn("verdict", rows.Select(r => r.Verdict?.Text() ?? "")));
        return new DataFrame(columns);
    }

    /// <summary>The table as text, one row per line (what the twin prints).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        string Cells(AblationRow r) => string.Join("; ", r.Levels.Select(l => l.Metric).Select(m =>
            $"{m.Key} {r.Level(m).Shown}" + (r.Gain(m) is { } g ? $" (gain {g.Shown})" : "")));
        sb.AppendLine($"  cumulative (each stage against the one before; {Result.Seeds.Count} seeds, 95% intervals):");
        foreach (var r in CumulativeRows) sb.AppendLine($"    {r.Name}: {Cells(r)}{(r.Verdict is { } v ? $": {v.Text()}" : "")}");
        if (LeaveOneOutRows.Count > 0)
        {
            sb.AppendLine($"  leave one out (the full stack's gain over the stack without the trick):");
            foreach (var r in LeaveOneOutRows) sb.AppendLine($"    {r.Name}: {Cells(r)}: {r.Verdict!.Value.Text()} (in the full stack)");
        }
        sb.AppendLine($"  noise floor, {Noise.Name}: gain {Noise.Gains[0].Estimate.Shown} ({Noise.Verdict!.Value.Text()})");
        sb.Append($"  all tricks against the baseline: {Metrics[0].Key} gain {Total.Gains[0].Estimate.Shown}: {Total.Verdict!.Value.Text()}");
        return sb.ToString();
    }
}
