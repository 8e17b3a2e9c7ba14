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
    private static string WriteNotebook(string dir, string name, string chartHtml, string title = "Demo trick", string section = "## The evidence\n\nThe paper's figure.")
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
                new { cell_type = "markdown", metadata = new { }, source = new[] { $"# {title}\n\nSome *emphasis* and `code`." } },
                Code("csharp", "ExperimentCharts.FinalMetric(result, \"test_accuracy\")", PlotlyHtml.Render(ExperimentCharts.FinalMetric(Result(), "test_accuracy"), includePlotlyJs: false)),
                new { cell_type = "markdown", metadata = new { }, source = new[] { section } },
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

    /// <summary>A demo site: two notebooks (the second titled "Label smoothing"), their results, sources and twins.</summary>
    private static (string Dir, IReadOnlyList<string> Pages, List<string> Log) DemoSite(bool browser)
    {
        var dir = Directory.CreateTempSubdirectory("tricks-gallery").FullName;
        foreach (var d in new[] { "nb", "src", "scripts" }) Directory.CreateDirectory(Path.Combine(dir, d));
        var chart = new HeadlineFigure(FocalLossFigures.LossVsProbability()).Html(includePlotlyJs: true);
        WriteNotebook(Path.Combine(dir, "nb"), "01-demo", chart);
        WriteNotebook(Path.Combine(dir, "nb"), "08-label-smoothing", chart, "Label smoothing", "## Calibration at batch 2\n\nThe ECE falls when the targets are smoothed.");
        File.Copy(Path.Combine(dir, "nb", "01-demo.ipynb"), Path.Combine(dir, "src", "01-demo.ipynb"));
        File.WriteAllText(Path.Combine(dir, "scripts", "01-demo.cs"), "// twin");
        ResultsJson.Write(Result(), "01-demo", Path.Combine(dir, "results"));
        var log = new List<string>();
        var pages = Site.Build(new SiteInputs(Path.Combine(dir, "nb"), Path.Combine(dir, "results"), Path.Combine(dir, "site"))
        {
            Runs = new Dictionary<string, NotebookRun> { ["01-demo"] = new(12.3, 900, 200_000, false, "abc1234"), ["08-label-smoothing"] = new(20.5, 1100, 300_000, true, "abc1234") },
            SourcesDir = Path.Combine(dir, "src"), ScriptsDir = Path.Combine(dir, "scripts"), Total = (25.0, 2),
            Chromium = browser ? Thumbnail.FindBrowser() : null, Log = log.Add, Generated = "Built today.",
        });
        return (dir, pages, log);
    }

    [Fact]
    public void The_site_has_cards_pages_with_contents_run_facts_and_downloads_a_search_index_and_execution_times()
    {
        var (dir, pages, log) = DemoSite(browser: false);
        try
        {
            Assert.Equal(new[] { "index.html", "01-demo.html", "08-label-smoothing.html", "times.html" }, pages.Select(Path.GetFileName));
            var site = Path.Combine(dir, "site");
            var index = File.ReadAllText(pages[0]);
            var page = File.ReadAllText(pages[1]);
            // The index: a card per notebook with title, takeaway, a verdict badge per claim, time and thumbnail; no plotly.js, no claims table.
            Assert.Equal(2, index.Split("<li class=\"card\">").Length - 1);
            Assert.Contains("Some emphasis and code.", index);
            Assert.Contains("class=\"badge reproduced\"", index);
            Assert.Contains("quick mode, 2 seeds, 12 s", index);
            Assert.Contains("src=\"thumbs/01-demo.png\"", index);
            Assert.DoesNotContain(Site.PlotlyFile, index);
            Assert.DoesNotContain("class=\"claims\"", index);
            // Without a browser the thumbnails are neutral placeholders, and the log says so.
            Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, File.ReadAllBytes(Path.Combine(site, "thumbs", "01-demo.png")).Take(4));
            Assert.Contains(log, l => l.Contains("placeholder (no Chromium found", StringComparison.Ordinal));
            // A page: contents, claims table, run facts, the commands, downloads, previous/next.
            Assert.Contains("<a href=\"#the-evidence\">The evidence</a>", page);
            Assert.Contains("id=\"the-evidence\"", page);
            Assert.Contains("class=\"claims\"", page);
            Assert.Contains("trick beats base", page);
            foreach (var fact in new[] { "<dt>mode</dt><dd>quick</dd>", "<dt>seeds</dt><dd>3, 4</dd>", "<dt>time</dt><dd>12.3 s</dd>", "<dt>peak memory</dt><dd>900 MB", "<dt>commit</dt><dd>abc1234</dd>" })
                Assert.Contains(fact, page);
            Assert.Contains("TRICKS_MODE=quick TRICKS_SEEDS=3,4 ./build.sh run notebooks/01-demo.ipynb", page);
            Assert.Contains("dotnet run scripts/01-demo.cs -- --mode quick --seeds 3,4", page);
            Assert.Contains("rel=\"next\" href=\"08-label-smoothing.html\"", page);
            Assert.Contains("rel=\"prev\" href=\"01-demo.html\"", File.ReadAllText(pages[2]));
            foreach (var d in new[] { "downloads/01-demo.ipynb", "downloads/01-demo.executed.ipynb", "downloads/01-demo.cs", "downloads/01-demo.json" })
                Assert.Contains($"href=\"{d}\"", page);
            Assert.Equal(File.ReadAllText(Path.Combine(dir, "src", "01-demo.ipynb")), File.ReadAllText(Path.Combine(site, "downloads", "01-demo.ipynb")));
            // Every local link and source of every page resolves to a file of the site.
            foreach (var p in pages)
                foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(p), "(?:href|src)=\"([^\"#:]+)(?:#[^\"]*)?\""))
                    Assert.True(File.Exists(Path.Combine(site, m.Groups[1].Value)), $"{Path.GetFileName(p)} links to {m.Groups[1].Value}, which is not in the site");
            // The search index ships as a script, with titles, headings, text and claims.
            var search = File.ReadAllText(Path.Combine(site, SearchIndex.File));
            Assert.StartsWith("window.TRICKS_SEARCH = [", search);
            Assert.Contains("Calibration at batch 2", search);
            Assert.Contains("claim: trick beats base", search);
            // The execution times: slowest first, reuse said, the total and the lanes.
            var times = File.ReadAllText(pages[3]);
            Assert.True(times.IndexOf("08-label-smoothing</a>", StringComparison.Ordinal) < times.IndexOf("01-demo</a>", StringComparison.Ordinal));
            Assert.Contains("<td>20.5</td><td>1100</td><td>0.30</td><td>reused</td>", times);
            Assert.Contains("the run took 25.0 s of wall time with 2 notebook(s) at a time", times);
            // plotly.js once, as a file: not inside any page.
            Assert.True(new FileInfo(Path.Combine(site, Site.PlotlyFile)).Length > 1_000_000);
            Assert.DoesNotContain("plotly.js v2", string.Concat(pages.Select(File.ReadAllText)));
            Assert.False(Directory.Exists(Path.Combine(dir, "site.tmp")));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void In_a_browser_offline_thumbnails_load_search_finds_pages_dark_mode_recolours_and_a_phone_needs_no_side_scroll()
    {
        if (Chromium.Find() is null) { Assert.False(Chromium.Required(), "Chromium not found: run ./build.sh setup or set TRICKS_CHROMIUM."); return; }
        var (dir, pages, log) = DemoSite(browser: true);
        try
        {
            Assert.Contains(log, l => l.StartsWith("thumbnails: 2 rendered", StringComparison.Ordinal));
            // The index: thumbnails drawn by Chromium load, and no plotly.js is fetched.
            using (var index = JsonDocument.Parse(Chromium.Evaluate(pages[0],
                "{n: document.querySelectorAll('.card img').length, loaded: Array.prototype.filter.call(document.querySelectorAll('.card img'), function (i) { return i.complete && i.naturalWidth > 0; }).length,"
                + " plotly: performance.getEntriesByType('resource').filter(function (e) { return e.name.indexOf('plotly') >= 0; }).length, global: typeof window.Plotly}")))
            {
                Assert.Equal(2, index.RootElement.GetProperty("n").GetInt32());
                Assert.Equal(2, index.RootElement.GetProperty("loaded").GetInt32());
                Assert.Equal(0, index.RootElement.GetProperty("plotly").GetInt32());
                Assert.Equal("undefined", index.RootElement.GetProperty("global").GetString());
            }
            // Search from the index, typed into the box: each query finds its page.
            const string Search = "['label smoothing', 'ECE', 'batch 2', 'trick beats'].map(function (q) { var b = document.getElementById('search'); b.value = q;"
                + " b.dispatchEvent(new Event('input')); var a = document.querySelector('#search-results a'); return a ? a.getAttribute('href') : ''; })";
            using (var found = JsonDocument.Parse(Chromium.Evaluate(pages[0], Search)))
            {
                var hrefs = found.RootElement.EnumerateArray().Select(e => e.GetString()!).ToArray();
                Assert.StartsWith("08-label-smoothing.html", hrefs[0]);
                Assert.StartsWith("08-label-smoothing.html#calibration-at-batch-2", hrefs[1]);
                Assert.StartsWith("08-label-smoothing.html#calibration-at-batch-2", hrefs[2]);
                Assert.StartsWith("01-demo.html#run", hrefs[3]);
            }
            // Every page draws its charts offline without a console message.
            foreach (var p in pages.Skip(1).Take(2))
                Assert.True(Chromium.Check(p) is { Clean: true, Charts: 2 } check, Chromium.Check(p).ToString());
            // Dark mode follows the system setting: page and chart backgrounds change.
            const string Colours = "{page: getComputedStyle(document.body).backgroundColor, chart: document.querySelector('.js-plotly-plot')._fullLayout.paper_bgcolor, theme: document.documentElement.getAttribute('data-theme')}";
            using var light = JsonDocument.Parse(Chromium.Evaluate(pages[1], Colours));
            using var dark = JsonDocument.Parse(Chromium.Evaluate(pages[1], Colours, dark: true));
            Assert.Equal("light", light.RootElement.GetProperty("theme").GetString());
            Assert.Equal("dark", dark.RootElement.GetProperty("theme").GetString());
            Assert.Equal("rgb(255, 255, 255)", light.RootElement.GetProperty("page").GetString());
            Assert.Equal("rgb(13, 17, 23)", dark.RootElement.GetProperty("page").GetString());
            Assert.NotEqual(light.RootElement.GetProperty("chart").GetString(), dark.RootElement.GetProperty("chart").GetString());
            Assert.Equal("#0d1117", dark.RootElement.GetProperty("chart").GetString());
            // At 400 px nothing outside code blocks, tables and charts is wider than the window.
            const string Overflow = "(function () { var w = document.documentElement.clientWidth, bad = []; Array.prototype.forEach.call(document.querySelectorAll('body *'), function (e) {"
                + " if (e.closest('pre, .out, .scroll, .js-plotly-plot, #tricks-check')) return; if (e.getBoundingClientRect().right > w + 1) bad.push(e.tagName + '.' + e.className); });"
                + " return { width: w, scroll: document.documentElement.scrollWidth, bad: bad.slice(0, 5) }; })()";
            foreach (var p in new[] { pages[0], pages[1], pages[3] })
            {
                using var phone = JsonDocument.Parse(Chromium.Evaluate(p, Overflow, width: 400));
                var r = phone.RootElement;
                Assert.True(r.GetProperty("scroll").GetInt32() <= r.GetProperty("width").GetInt32() && r.GetProperty("bad").GetArrayLength() == 0,
                    $"{Path.GetFileName(p)} at 400 px: {r}");
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
            var pages = Site.Build(new SiteInputs(Path.Combine(dir, "nb"), Path.Combine(dir, "results"), Path.Combine(dir, "site")));
            var check = Chromium.Check(pages[1]);
            Assert.Equal(2, check.Charts);
            Assert.False(check.Clean, check.ToString());
            Assert.Equal(1, check.Drawn);                                    // the good chart drew, the broken one did not
            Assert.NotEmpty(check.Console);                                 // "Uncaught ReferenceError: nope is not defined"
        }
        finally { Directory.Delete(dir, true); }
    }
}
