using Plotly.NET;
using Chart = Plotly.NET.CSharp.Chart;
using static TricksKit.Formatters.Figure;

namespace Tricks.Lab.Wgan;

/// <summary>Arjovsky et al. 2017 Fig. 3 (the critic's estimate tracks quality) and Gulrajani et al. 2017 Fig. 2 (samples on the 8-Gaussian ring).</summary>
public static class WganFigures
{
    /// <summary>
    /// For one arm: its critic's estimate and the sliced Wasserstein distance to the data at every checkpoint (mean over
    /// seeds), each rescaled to [0, 1] over the run so that both fit one axis: they should fall together.
    /// </summary>
    public static GenericChart EstimateVsQuality(ExperimentResult result, string arm)
    {
        ArgumentNullException.ThrowIfNull(result);
        var a = result[arm];
        var it = MeanSeries(a, WganExperiment.Iteration);
        var est = MeanSeries(a, WganExperiment.Estimate);
        var sw = MeanSeries(a, WganExperiment.SlicedW);
        double rho = a.Mean(WganExperiment.EstimateTracksQuality);
        int c = Index(result, arm);
        var charts = new[]
        {
            Line(it, Scaled(est), "the critic's estimate (scaled)", ExperimentCharts.ArmColor(c), markers: true),
            Line(it, Scaled(sw), "sliced Wasserstein to the data (scaled)", Color.fromString("rgba(60,60,60,0.8)"), dash: StyleParam.DrawingStyle.Dash),
        };
        return Titled(Axes(Chart.Combine(charts), "generator iteration", "value, rescaled to [0, 1] over the run"),
            F($"{arm}: its loss estimate against sample quality (mean over seeds {Seeds(result)}; Spearman after update {WganExperiment.BurnIn}: {rho:F2})"),
            "Arjovsky et al. Fig. 3: the WGAN critic's estimate falls as samples improve; a GAN's JS estimate does not");
    }

    /// <summary>Gulrajani et al. Fig. 2: the generator's samples at four checkpoints over the ring's 8 centres, one arm, seed index <paramref name="seedIndex"/>.</summary>
    public static GenericChart Samples(ExperimentResult result, string arm, int seedIndex = 0)
    {
        ArgumentNullException.ThrowIfNull(result);
        var a = result[arm];
        var iterations = RunSeries(a, WganExperiment.SampleIteration, seedIndex);
        var samples = RunSeries(a, WganExperiment.Samples, seedIndex);
        int per = iterations.Count == 0 ? 0 : samples.Count / iterations.Count;
        var charts = new List<GenericChart>();
        for (int k = 0; k < iterations.Count; k++)
        {
            var block = samples.Skip(k * per).Take(per).ToArray();
            double shade = 0.25 + 0.75 * (k + 1) / iterations.Count;
            charts.Add(Points(Enumerable.Range(0, block.Length / 2).Select(i => block[2 * i]), Enumerable.Range(0, block.Length / 2).Select(i => block[2 * i + 1]),
                F($"iteration {iterations[k]:F0}"), ExperimentCharts.ArmColor(Index(result, arm), shade)));
        }
        var centres = TricksKit.Data.Synthetic.RingCentres();
        charts.Add(Points(centres.Select(p => p.X), centres.Select(p => p.Y), "the 8 modes (data)", Color.fromString("rgba(0,0,0,0.9)")));
        return Titled(Axes(Chart.Combine(charts), "x1", "x2"),
            F($"{arm}: generated samples during training, seed {result.Seeds[seedIndex]} (cf. Gulrajani et al. Fig. 2)"),
            "darker = later; a generator that has learned the data covers all 8 modes");
    }

    private static double[] Scaled(IReadOnlyList<double> v)
    {
        if (v.Count == 0) return Array.Empty<double>();
        double lo = v.Min(), hi = v.Max();
        return v.Select(x => hi > lo ? (x - lo) / (hi - lo) : 0.5).ToArray();
    }

    /// <summary>The study's figures, the headline first: estimate against quality for the GAN and WGAN-GP, then their samples.</summary>
    public static IReadOnlyList<GenericChart> All(ExperimentResult result) => new[] { EstimateVsQuality(result, WganExperiment.Gan), EstimateVsQuality(result, WganExperiment.Gp), Samples(result, WganExperiment.Gan), Samples(result, WganExperiment.Gp) };
}
