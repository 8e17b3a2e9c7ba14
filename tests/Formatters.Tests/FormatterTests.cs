using System.Text.RegularExpressions;
using Microsoft.DotNet.Interactive.Formatting;

namespace TricksKit.Formatters.Tests;

public class FormatterTests
{
    private static TrainingHistory History(string name = "run") => new(name,
        new[] { 2.0, 1.5, 1.2, 1.0 }, new[] { 0.1, 0.1, 0.05, 0.05 },
        new[] { new EpochRecord(1, 2, 1.6, 0.5, 1.7, 0.45), new EpochRecord(2, 4, 1.05, 0.7, 1.2, 0.6) }, 1.5);

    internal static ExperimentResult Result(string baseline = "baseline", string trick = "trick")
    {
        RunRecord Run(string arm, int seed, double acc) => new(arm, seed, new Dictionary<string, double> { ["test_accuracy"] = acc }, History(arm));
        return new ExperimentResult("demo", "quick", new[] { 0, 1, 2 }, 3.2,
            new[]
            {
                new ArmResult(baseline, true, new[] { Run(baseline, 0, 0.61), Run(baseline, 1, 0.62), Run(baseline, 2, 0.60) }),
                new ArmResult(trick, false, new[] { Run(trick, 0, 0.71), Run(trick, 1, 0.72), Run(trick, 2, 0.70) }),
            },
            new[]
            {
                TestClaims.Above("trick beats baseline", "test_accuracy", 0.10, 0.05) with { Control = TestClaims.Control("'noise' vs 'baseline' (A/A)", 0.01, false), Test = "paired gain" },
                TestClaims.Below("impossible", "test_accuracy", 0.10, 0.0),
                TestClaims.Above("noisy", "test_accuracy", 0.10, 0.05) with { Control = TestClaims.Control("'noise' vs 'baseline' (A/A)", 0.2, true) },
            },
            new Dictionary<string, string> { ["threads"] = "1" });
    }

    [Fact]
    public void History_html_has_the_epoch_rows_and_the_loss_traces()
    {
        var html = TricksFormatters.HistoryHtml(History());
        Assert.Equal(2, Regex.Matches(html, "<tr><td>\\d+</td>").Count);
        Assert.Contains("<td>0.4500</td>", html);
        Assert.Contains("\"name\":\"train loss (step)\"", html);
        Assert.Contains("\"name\":\"test loss (epoch)\"", html);
        Assert.Contains("\"name\":\"learning rate\"", html);  // the rate actually used, per step
    }

    [Fact]
    public void The_kernel_extension_registers_the_formatters()
    {
        new TricksKernelExtension().OnLoadAsync(new Microsoft.DotNet.Interactive.CompositeKernel()).GetAwaiter().GetResult();
        Assert.Contains("tricks-experiment", Result().ToDisplayString(HtmlFormatter.MimeType));
        Assert.Contains("<th>mean</th>", Result().Summary().ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public void Experiment_html_shows_verdicts_the_claimed_metrics_once_and_folds_the_full_table()
    {
        var html = ExperimentHtml.Render(Result());
        Assert.Contains("class=\"held\">passed", html);
        Assert.Contains("class=\"failed\">FAILS<", html);
        Assert.Contains("class=\"failed\">FAILS: control reproduced", html);     // a claim whose A/A control is reproduced too
        Assert.Contains("&#39;noise&#39; vs &#39;baseline&#39; (A/A)", html);
        Assert.Contains("0.01 [0.01, 0.01], not reproduced", html);
        // The compact table: one row per arm of the claimed metric, mean, std and a dot per seed.
        Assert.Contains("<tr><td>test_accuracy</td><td>baseline</td><td>0.61</td><td>0.01</td>", html);
        Assert.Equal(6, Regex.Matches(html, "<circle ").Count);
        Assert.Contains("<title>seed 2: 0.7</title>", html);
        // The full summary DataFrame, folded away.
        int details = html.IndexOf("<details>", StringComparison.Ordinal);
        Assert.True(details > 0, "the full metric table is not folded");
        Assert.True(html.IndexOf("<th>arm</th><th>metric</th><th>mean</th><th>std</th><th>seed 0</th>", StringComparison.Ordinal) > details);
        Assert.DoesNotContain("newPlot", html);              // no chart: the figures are drawn once, apart
    }

    [Fact]
    public void The_report_page_draws_the_figures_then_the_verdicts()
    {
        var html = ReportPage.Html(Result());
        Assert.Equal(1, Regex.Matches(html, "plotly.js v2").Count);
        Assert.Equal(2, Regex.Matches(html, "window.Plotly.newPlot").Count);   // an unknown trick: training curves, the claimed metric
        Assert.Contains("(raw)", html);                                        // the raw curve, faint, behind its EMA
        Assert.Contains("\"showlegend\":false", html);
        Assert.True(html.IndexOf("newPlot", StringComparison.Ordinal) < html.IndexOf("tricks-claims", StringComparison.Ordinal));
    }

    [Fact]
    public void The_ema_is_debiased_and_follows_a_step()
    {
        var s = Smoothing.Ema(new[] { 2.0, 2.0, 4.0, 4.0 }, 0.5);
        Assert.Equal(2.0, s[0], 12);                      // debiased: starts at the data, not at 0
        Assert.Equal(2.0, s[1], 12);
        Assert.Equal((0.125 * 2 + 0.25 * 2 + 0.5 * 4) / 0.875, s[2], 12);   // (b^2 (1-b) 2 + b (1-b) 2 + (1-b) 4) / (1 - b^3)
        Assert.True(s[3] > s[2] && s[3] < 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => Smoothing.Ema(new[] { 1.0 }, 1.0));
    }

    [Fact]
    public void Focal_loss_figure_one_reproduces_the_papers_hundredfold_drop()
    {
        var html = PlotlyHtml.Render(FocalLossFigures.LossVsProbability());
        Assert.Contains("100x lower than cross-entropy (paper: 100x)", html);
        Assert.Equal(5, Regex.Matches(html, "\"name\":\"gamma = ").Count);
    }

    [Fact]
    public void Names_with_markup_are_escaped_in_tables_and_cannot_close_the_script()
    {
        var nasty = "a<b>&\"c</script><script>alert(1)</script>";
        var html = ExperimentHtml.Render(Result(baseline: nasty)) + ReportPage.Html(Result(baseline: nasty));
        Assert.Contains("a&lt;b&gt;&amp;&quot;c&lt;/script&gt;", html);
        Assert.DoesNotContain("</script><script>alert(1)", html);
        Assert.DoesNotContain("a<b>", html);             // not in tables, nor in chart trace names (plotly.js renders tags)
    }

    [Fact]
    public void Plotly_js_is_embedded_once_per_session_then_referenced()
    {
        PlotlyHtml.ResetSession();
        var first = TricksFormatters.HistoryHtml(History());
        var second = TricksFormatters.HistoryHtml(History());
        Assert.Contains("plotly.js v2", first);
        Assert.DoesNotContain("plotly.js v2", second);
        Assert.Contains("window.Plotly.newPlot", second);
        // Nothing is fetched: no script src, no require.js paths (plotly.js itself mentions its CDN only as a mapbox default).
        Assert.DoesNotContain("<script src", first + second);
        Assert.DoesNotContain("requirejs", first + second);
        Assert.DoesNotContain("https://", second);
    }

    [Fact]
    public void Registered_formatters_produce_html_and_plain_text()
    {
        TricksFormatters.Register();
        var r = Result();
        Assert.Contains("tricks-experiment", r.ToDisplayString(HtmlFormatter.MimeType));
        var text = r.ToDisplayString(PlainTextFormatter.MimeType);
        Assert.Contains("demo: 2 arms x 3 seeds", text);
        Assert.Contains("passed: trick beats baseline", text);
        Assert.Contains("FAILS (not reproduced, expected reproduced): impossible", text);
        Assert.Contains("FAILS (control reproduced too): noisy", text);
        Assert.Contains("epoch 2", History().ToDisplayString(PlainTextFormatter.MimeType));
        var chart = ExperimentCharts.FinalMetric(r, "test_accuracy");
        Assert.Contains("window.Plotly.newPlot", chart.ToDisplayString(HtmlFormatter.MimeType));
    }

    [Fact]
    public void Live_progress_outside_a_notebook_does_nothing()
    {
        using var live = new LiveProgress("test", TimeSpan.Zero);
        live.Report(new ExperimentProgress("a", 0, 1, 2, new TrainingProgress("a", 1, 10, 0, 1.0, null)));
        Assert.Equal(0, live.Updates);
        Assert.Contains("<polyline", LiveProgress.Sparkline(new[] { 3.0, 2.0, 1.5 }));
    }
}
