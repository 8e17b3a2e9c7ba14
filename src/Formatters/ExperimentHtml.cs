using System.Globalization;
using System.Text;

namespace TricksKit.Formatters;

/// <summary>HTML and text forms of an experiment's result: claims, summary table, curves and the final metrics.</summary>
public static class ExperimentHtml
{
    private const string Style = "<style>.tricks table{border-collapse:collapse;margin:6px 0}.tricks td,.tricks th{border:1px solid #ccc;padding:2px 8px;text-align:right}.tricks td:first-child,.tricks th:first-child{text-align:left}.tricks .held{color:#1a7f37;font-weight:bold}.tricks .failed{color:#cf222e;font-weight:bold}</style>";

    /// <summary>
    /// The result as HTML, shown once: the verdicts (claims and controls), a compact table of the claimed metrics (mean,
    /// spread, a dot per seed) and, folded away, every metric of every arm. The figures are drawn apart
    /// (its study's, or <see cref="ExperimentCharts.Default"/>); <see cref="ReportPage"/> puts both on one page.
    /// </summary>
    public static string Render(ExperimentResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder(Style).Append("<div class=\"tricks tricks-experiment\">");
        sb.Append(Inv($"<h4>{E(r.Trick)}: {r.Arms.Count} arms x {r.Seeds.Count} seeds ({E(r.Mode)} mode, seeds {string.Join(", ", r.Seeds)}, {r.Seconds:F1} s)</h4>"));
        sb.Append(ClaimsTable(r.Claims));
        sb.Append(ClaimedMetricsTable(r));
        sb.Append("<details><summary>every metric of every arm (mean, std, each seed)</summary>").Append(SummaryTable(r)).Append("</details>");
        return sb.Append("</div>").ToString();
    }

    /// <summary>
    /// The metrics the claims are about, one row per arm: mean, standard deviation over seeds and a strip with a dot
    /// per seed (the bar is the mean; the strip spans the smallest to the largest value of that metric over all arms).
    /// </summary>
    public static string ClaimedMetricsTable(ExperimentResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var metrics = r.Claims.Select(c => c.Metric).Distinct().Where(m => r.Arms.Any(a => a.MetricNames.Contains(m))).ToArray();
        if (metrics.Length == 0) return "";
        var sb = new StringBuilder("<table class=\"tricks-claimed\"><thead><tr><th>claimed metric</th><th>arm</th><th>mean</th><th>std</th><th>each seed</th></tr></thead><tbody>");
        foreach (var m in metrics)
        {
            var arms = r.Arms.Where(a => a.MetricNames.Contains(m)).ToArray();
            var all = arms.SelectMany(a => a.Values(m)).Where(double.IsFinite).ToArray();
            double lo = all.DefaultIfEmpty(0).Min(), hi = all.DefaultIfEmpty(1).Max();
            for (int k = 0; k < arms.Length; k++)
            {
                var values = arms[k].Values(m);
                var finite = values.Where(double.IsFinite).ToArray();
                string mean = finite.Length == values.Count ? Inv($"{values.Average():G4}") : finite.Length == 0 ? "not reached" : Inv($"{finite.Length} of {values.Count} reached");
                string std = finite.Length == values.Count ? Inv($"{arms[k].Std(m):G3}") : "";
                sb.Append(Inv($"<tr><td>{(k == 0 ? E(m) : "")}</td><td>{E(arms[k].Name)}</td><td>{mean}</td><td>{std}</td><td>{Strip(values, lo, hi, r.Seeds)}</td></tr>"));
            }
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>An inline SVG strip: a dot per seed (hover: seed and value), a bar at the mean, scaled to [lo, hi].</summary>
    internal static string Strip(IReadOnlyList<double> values, double lo, double hi, IReadOnlyList<int> seeds)
    {
        const double W = 160, H = 14;
        double X(double v) => hi > lo ? 4 + (W - 8) * (v - lo) / (hi - lo) : W / 2;
        var sb = new StringBuilder(Inv($"<svg width=\"{W}\" height=\"{H}\" style=\"vertical-align:middle\"><line x1=\"4\" y1=\"7\" x2=\"{W - 4}\" y2=\"7\" stroke=\"#ddd\"/>"));
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == values.Count && finite.Length > 0)
            sb.Append(Inv($"<line x1=\"{X(finite.Average()):F1}\" y1=\"1\" x2=\"{X(finite.Average()):F1}\" y2=\"13\" stroke=\"#555\" stroke-width=\"2\"/>"));
        for (int i = 0; i < values.Count; i++)
            if (double.IsFinite(values[i]))
                sb.Append(Inv($"<circle cx=\"{X(values[i]):F1}\" cy=\"7\" r=\"3.5\" fill=\"rgba(31,119,180,0.7)\"><title>seed {(i < seeds.Count ? seeds[i] : i)}: {values[i]:G4}</title></circle>"));
        return sb.Append("</svg>").ToString();
    }

    /// <summary>The metrics the claims are about (or the first metric when there is no claim).</summary>
    public static IReadOnlyList<string> ChartedMetrics(ExperimentResult r)
    {
        var all = r.Arms.SelectMany(a => a.MetricNames).Distinct().ToArray();
        var claimed = r.Claims.Select(c => c.Metric).Where(all.Contains).Distinct().ToArray();
        return claimed.Length > 0 ? claimed : all.Take(1).ToArray();
    }

    /// <summary>
    /// One row per claim, as a replication reads: what is claimed, the paper's number, ours (the estimate and its 95%
    /// interval) against the threshold, the baseline it is measured against, the verdict beside the one the design
    /// expected, and the control judged the same way (with its estimate and interval). Passed: the verdict is the
    /// expected one and the control does not come out reproduced.
    /// </summary>
    public static string ClaimsTable(IReadOnlyList<Claim> claims)
    {
        if (claims.Count == 0) return "<p>No claims checked yet.</p>";
        var sb = new StringBuilder("<table class=\"tricks-claims\"><thead><tr><th>claim</th><th>paper</th><th>ours: estimate [95% interval]</th><th>threshold</th><th>baseline</th><th>verdict</th><th>expected</th><th>control: estimate [95% interval], verdict</th><th></th></tr></thead><tbody>");
        foreach (var c in claims)
        {
            var control = c.Control is { } k ? $"{E(k.Compares)}: {E(k.Shown)}, {E(k.Verdict.Text())}" : "none";
            var outcome = c.Passed ? "passed" : c.Verdict != c.Expected ? "FAILS" : "FAILS: control reproduced";
            sb.Append(Inv($"<tr><td title=\"{E(c.Test)}\">{E(c.Name)}</td><td style=\"text-align:left\">{E(c.Paper.Length > 0 ? c.Paper : "-")}</td><td>{E(c.Shown)}</td><td>{E(c.Bound)}</td><td style=\"text-align:left\">{E(c.Baseline)}</td><td class=\"{(c.Verdict == c.Expected ? "held" : "failed")}\">{E(c.Verdict.Text())}</td><td>{E(c.Expected.Text())}</td><td style=\"text-align:left\">{control}</td><td class=\"{(c.Passed ? "held" : "failed")}\">{outcome}</td></tr>"));
        }
        sb.Append("</tbody></table><p style=\"font-size:90%\">Intervals: ");
        sb.Append(E(string.Join("; ", claims.Select(c => c.Effect.Method).Distinct()))).Append(". Hover a claim for its test.</p>");
        return sb.ToString();
    }

    /// <summary>The summary (arm x metric: mean, std, every seed) from <see cref="ExperimentResult.Summary"/>'s DataFrame.</summary>
    public static string SummaryTable(ExperimentResult r) => DataFrameHtml.Render(r.Summary());

    /// <summary>A plain-text summary of a result: each claim with its control and verdict.</summary>
    public static string Text(ExperimentResult r)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Inv($"{r.Trick}: {r.Arms.Count} arms x {r.Seeds.Count} seeds [{string.Join(",", r.Seeds)}], {r.Mode} mode, {r.Seconds:F1} s"));
        foreach (var a in r.Arms)
            foreach (var m in a.MetricNames)
                sb.AppendLine(Inv($"  {a.Name}{(a.Baseline ? " (baseline)" : "")} {m}: {a.Mean(m):G4} +- {a.Std(m):G3}  [{string.Join(", ", a.Values(m).Select(x => x.ToString("G4", CultureInfo.InvariantCulture)))}]"));
        foreach (var c in r.Claims) sb.AppendLine("  " + c);
        return sb.ToString();
    }

    private static string E(string? s) => PlotlyHtml.Escape(s);
    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
