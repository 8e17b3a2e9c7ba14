using System.Text.Json;
using Tricks.Gallery;
using Tricks.TestSupport;
using TricksKit;
using TricksKit.Experiments;
using TricksKit.Formatters;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>
/// The gallery (artifacts/site/): built from executed notebooks and their results JSON, plotly.js shipped once as a
/// file, every page drawn offline in headless Chromium. Each executed notebook's own page is checked by
/// <see cref="NotebookTests"/>; these tests build a site from a notebook made here.
/// </summary>
public class GalleryTests
{
    private static ExperimentResult Result()
    {
        RunRecord Run(string arm, int seed, double acc) => new(arm, seed, new Dictionary<string, double> { ["test_accuracy"] = acc });
        return new ExperimentResult("demo", "quick", new[] { 3, 4 }, 1,
            new[] { new ArmResult("base", true, new[] { Run("base", 3, 0.6), Run("base", 4, 0.61) }), new ArmResult("trick", false, new[] { Run("trick", 3, 0.7), Run("trick", 4, 0.72) }) },
            new[] { TestClaims.Above("trick beats base", "test_accuracy", 0.105, 0.05) with { Control = TestClaims.Control("'base' A/A", 0.01, false) } },
            new Dictionary<string, string>());
    }

    /// <summary>An executed notebook as dotnet-repl writes one: markdown, a C# cell whose output carries plotly.js inline, an F# cell.</summary>
    private static string WriteNotebook(string dir, string name, string chartHtml)
    {
        object Code(string kernel, string source, string html) => new Dictionary<string, object>
        {
            ["cell_type"] = "code", ["execution_count"] = 1, ["source"] = new[] { source },
            ["metadata"] = new { polyglot_notebook = new { kernelName = kernel } },
            ["outputs"] = new[] { new Dictionary<string, object> { ["output_type"] = "display_data", ["metadata"] = new { }, ["data"] = new Dictionary<string, object> { ["text/html"] = new[] { html } } } },
        };
        var nb = new
        {
            nbformat = 4, nbformat_minor = 5, metadata = new { },
            cells = new object[]
            {
                new { cell_type = "markdown", metadata = new { }, source = new[] { "# Demo trick\n\nSome *emphasis* and `code`." } },
                Code("csharp", "ExperimentCharts.FinalMetric(result, \"test_accuracy\")", PlotlyHtml.Render(ExperimentCharts.FinalMetric(Result(), "test_accuracy"), includePlotlyJs: false)),
                new { cell_type = "markdown", metadata = new { }, source = new[] { "## The evidence\n\nThe paper's figure." } },
                Code("csharp", "Catalog.Demo.Headline(result)", chartHtml),
                Code("fsharp", "#!fsharp\nprintfn \"hi\"", "<pre>hi</pre>"),
            },
        };
        var path = Path.Combine(dir, name + ".ipynb");
        File.WriteAllText(path, JsonSerializer.Serialize(nb));
        return path;
    }

    [Fact]
    public void The_claims_table_has_a_row_per_claim_with_its_interval_verdict_seeds_and_commit()
    {
        var failing = Result() with { Claims = new[] { TestClaims.Above("a | piped\nname", "test_accuracy", 0.01, 0.05) } };
        var md = ClaimsTable.Markdown(new[] { ("01-demo", Result()), ("02-other", failing) }, "abc123", "Run today.");
        var lines = md.Split('\n');
        Assert.Contains("Commit `abc123`", md);
        Assert.Contains("1 of 2 claims came out as declared, in 2 notebook(s).", md);
        Assert.Contains("| 01-demo | quick | 3, 4 |", lines);
        var row = Assert.Single(lines, l => l.StartsWith("| 01-demo | trick beats base |", StringComparison.Ordinal));
        var claim = Result().Claims[0];
        Assert.Contains($"| {claim.Shown} |", row);
        Assert.Contains($"| {claim.Verdict.Text()} ({claim.Expected.Text()}) |", row);
        Assert.EndsWith("| passed |", row);
        // A pipe or a line break in a name stays inside its cell; a claim that failed says so.
        var other = Assert.Single(lines, l => l.StartsWith("| 02-other | a \\| piped name |", StringComparison.Ordinal));
        Assert.EndsWith("| FAILED |", other);
        Assert.Throws<ArgumentException>(() => ClaimsTable.Markdown(Array.Empty<(string, ExperimentResult)>(), " ", "x"));
    }

    [Fact]
    public void The_site_has_an_index_and_a_page_per_notebook_with_plotly_shipped_once()
    {
        var dir = Directory.CreateTempSubdirectory("tricks-gallery").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "nb"));
            var chart = new HeadlineFigure(FocalLossFigures.LossVsProbability()).Html(includePlotlyJs: true);
            WriteNotebook(Path.Combine(dir, "nb"), "01-demo", chart);
            ResultsJson.Write(Result(), "01-demo", Path.Combine(dir, "results"));
            var pages = Site.Build(Path.Combine(dir, "nb"), Path.Combine(dir, "results"), Path.Combine(dir, "site"), new Dictionary<string, double> { ["01-demo"] = 12.3 });
            Assert.Equal(new[] { "index.html", "01-demo.html" }, pages.Select(Path.GetFileName));
            var index = File.ReadAllText(pages[0]);
            var page = File.ReadAllText(pages[1]);
            Assert.Contains("quick mode, seeds 3, 4, 12 s", index);
            Assert.Contains("trick beats base", index);
            Assert.Contains("class=\"held\">passed", index);
            Assert.Contains("Lin et al. Fig. 1", index);                    // the headline: the output its study marked
            Assert.DoesNotContain("test accuracy per arm", index);           // not the chart drawn before it
            Assert.Contains("<em>emphasis</em>", page);                     // markdown rendered
            Assert.Contains("Catalog.Demo.Headline(result)", page);         // code shown
            Assert.Contains("printfn", page);
            // plotly.js once, as a file: not inside any page.
            Assert.True(new FileInfo(Path.Combine(dir, "site", Site.PlotlyFile)).Length > 1_000_000);
            Assert.DoesNotContain("plotly.js v2", index + page);
            Assert.True(chart.Length - NotebookPage.WithoutInlinePlotly(chart).Length > 1_000_000);
            Assert.False(Directory.Exists(Path.Combine(dir, "site.tmp")));
            if (Chromium.Find() is null) { Assert.False(Chromium.Required(), "Chromium not found: run ./build.sh setup or set TRICKS_CHROMIUM."); return; }
            foreach (var p in pages)
            {
                var check = Chromium.Check(p);
                Assert.True(check.Charts >= 1 && check.Clean, check.ToString());
                Assert.Equal(p == pages[0] ? 1 : 2, check.Charts);
            }
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_chart_that_does_not_draw_fails_the_page_check()
    {
        if (Chromium.Find() is null) { Assert.False(Chromium.Required(), "Chromium not found: run ./build.sh setup or set TRICKS_CHROMIUM."); return; }
        var dir = Directory.CreateTempSubdirectory("tricks-gallery").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "nb"));
            // A chart whose figure JSON is broken: the container is there, plotly.js never draws it.
            var broken = PlotlyHtml.Render(FocalLossFigures.LossVsProbability(), includePlotlyJs: false).Replace("var fig=", "var fig=nope.");
            WriteNotebook(Path.Combine(dir, "nb"), "01-demo", broken);
            var pages = Site.Build(Path.Combine(dir, "nb"), Path.Combine(dir, "results"), Path.Combine(dir, "site"));
            var check = Chromium.Check(pages[1]);
            Assert.Equal(2, check.Charts);
            Assert.False(check.Clean, check.ToString());
            Assert.Equal(1, check.Drawn);                                    // the good chart drew, the broken one did not
            Assert.NotEmpty(check.Console);                                 // "Uncaught ReferenceError: nope is not defined"
        }
        finally { Directory.Delete(dir, true); }
    }
}
