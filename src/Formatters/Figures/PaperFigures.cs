using Plotly.NET;

namespace TricksKit.Formatters;

/// <summary>The figures of a result: its paper's (by the design's trick name), or for any other experiment the training curves and the claimed metrics per arm.</summary>
public static class PaperFigures
{
    /// <summary>The charts that show <paramref name="result"/>'s evidence, in reading order.</summary>
    public static IReadOnlyList<GenericChart> For(ExperimentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Trick switch
        {
            "focal-loss" => new[] { FocalLossFigures.LossVsProbability(), FocalLossFigures.PrecisionRecall(result),
                FocalLossFigures.DecisionBoundary(result, FocalLossExperiment.Bce), FocalLossFigures.DecisionBoundary(result, FocalLossExperiment.Focal) },
            "dropout" => new[] { DropoutFigures.GapOpening(result) },
            "batch-norm" => new[] { BatchNormFigures.TestAccuracy(result), BatchNormFigures.SigmoidInput(result, BatchNormExperiment.Plain),
                BatchNormFigures.SigmoidInput(result, BatchNormExperiment.Bn) },
            "relu" => new[] { ReluFigures.TrainingLoss(result), ReluFigures.ErrorCurves(result), ReluFigures.GradientNorms(result) },
            "cyclic-lr" => new[] { CyclicLrFigures.LearningRates(result), CyclicLrFigures.CycleEnds(result), CyclicLrFigures.EnsembleSize(result) },
            "flooding" => new[] { FloodingFigures.LossWithFloodLevel(result) },
            "group-norm" => new[] { GroupNormFigures.ErrorVsBatchSize(result) },
            "label-smoothing" => new[] { LabelSmoothingFigures.ReliabilitySideBySide(result),
                LabelSmoothingFigures.Projection(result, LabelSmoothingExperiment.Plain, TricksKit.Data.FashionMnist.ClassNames),
                LabelSmoothingFigures.Projection(result, LabelSmoothingExperiment.Smoothed, TricksKit.Data.FashionMnist.ClassNames) },
            "wgan" => new[] { WganFigures.EstimateVsQuality(result, WganExperiment.Gan), WganFigures.EstimateVsQuality(result, WganExperiment.Gp),
                WganFigures.Samples(result, WganExperiment.Gan), WganFigures.Samples(result, WganExperiment.Gp) },
            "skip-connection" => new[] { SkipConnectionFigures.TrainingCurves(result) },
            _ => Generic(result),
        };
    }

    private static IReadOnlyList<GenericChart> Generic(ExperimentResult result)
    {
        var charts = new List<GenericChart>();
        if (result.Arms.Any(a => a.Runs.Any(r => r.History is not null))) charts.Add(ExperimentCharts.LearningCurves(result));
        charts.AddRange(ExperimentHtml.ChartedMetrics(result).Select(m => ExperimentCharts.FinalMetric(result, m)));
        return charts;
    }
}
