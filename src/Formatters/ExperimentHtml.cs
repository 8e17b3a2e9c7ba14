using System.Globalization;
using System.Text;

namespace TricksKit.Formatters;

/// <summary>HTML and text forms of an experiment's result: claims, summary table, curves and the final metrics.</summary>
public static class ExperimentHtml
{
    private const string Style = "<style>.tricks table{border-collapse:collapse;margin:6px 0}.tricks td,.tricks th{border:1px solid #ccc;padding:2px 8px;text-align:right}.tricks td:first-child,.tricks th:first-child{text-align:left}.tricks .held{color:#1a7f37;font-weight:bold}.tricks .failed{color:#cf222e;font-weight:bold}</style>";

    /// <summary>The result as HTML; <paramref name="includePlotlyJs"/> forces plotly.js into the first chart (for a standalone page).</summary>
    public static string Render(ExperimentResult r, bool? includePlotlyJs = null)
    {
        var sb = new StringBuilder(Style).Append("<div class=\"tricks tricks-experiment\">");
        sb.Append(Inv($"<h4>{E(r.Trick)}: {r.Arms.Count} arms x {r.Seeds.Count} seeds ({E(r.Mode)} mode, {r.Seconds:F1} s)</h4>"));
        sb.Append(ClaimsTable(r.Claims));
        sb.Append(SummaryTable(r));
        if (r.Arms.Any(a => a.Runs.Any(x => x.History is not null)))
        {
            sb.Append(PlotlyHtml.Render(ExperimentCharts.LearningCurves(r), includePlotlyJs: includePlotlyJs));
            includePlotlyJs = includePlotlyJs == true ? false : includePlotlyJs;
        }
        foreach (var metric in ChartedMetrics(r))
        {
            sb.Append(PlotlyHtml.Render(ExperimentCharts.FinalMetric(r, metric), height: 320, includePlotlyJs: includePlotlyJs));
            includePlotlyJs = includePlotlyJs == true ? false : includePlotlyJs;
        }
        return sb.Append("</div>").ToString();
    }

    /// <summary>The metrics the claims are about (or the first metric when there is no claim).</summary>
    public static IReadOnlyList<string> ChartedMetrics(ExperimentResult r)
    {
        var all = r.Arms.SelectMany(a => a.MetricNames).Distinct().ToArray();
        var claimed = r.Claims.Select(c => c.Metric).Where(all.Contains).Distinct().ToArray();
        return claimed.Length > 0 ? claimed : all.Take(1).ToArray();
    }

    /// <summary>
    /// One row per claim: what is claimed, the observed value against the threshold, the test, the control and its
    /// value, and the verdict (passed: the claim holds and its control does not).
    /// </summary>
    public static string ClaimsTable(IReadOnlyList<Claim> claims)
    {
        if (claims.Count == 0) return "<p>No claims checked yet.</p>";
        var sb = new StringBuilder("<table class=\"tricks-claims\"><thead><tr><th>claim</th><th>observed</th><th>threshold</th><th>test</th><th>control</th><th>control observed</th><th>verdict</th></tr></thead><tbody>");
        foreach (var c in claims)
        {
            var control = c.Control is { } k ? $"{E(k.Compares)}</td><td>{E(k.Shown)} ({(k.Holds ? "holds: the test cannot tell" : "does not hold")})" : "none</td><td>";
            var verdict = c.Passed ? "passed" : !c.Holds ? "FAILS" : "FAILS: control holds";
            sb.Append(Inv($"<tr><td>{E(c.Name)}</td><td>{E(c.Shown)}</td><td>{E(c.Bound)}</td><td style=\"text-align:left\">{E(c.Test)}</td><td style=\"text-align:left\">{control}</td><td class=\"{(c.Passed ? "held" : "failed")}\">{verdict}</td></tr>"));
        }
        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The summary (arm x metric: mean, std, every seed) from <see cref="ExperimentResult.Summary"/>'s DataFrame.</summary>
    public static string SummaryTable(ExperimentResult r) => DataFrameHtml.Render(r.Summary());

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
