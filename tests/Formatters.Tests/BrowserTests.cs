using System.Diagnostics;

namespace TricksKit.Formatters.Tests;

/// <summary>
/// Opens a rendered results page in headless Chromium (Debian's package, which set-up installs on Debian) with no
/// network and checks that plotly.js actually drew the charts. Runs wherever Chromium is found; on Debian and in CI
/// a missing Chromium is a failure, elsewhere (Ubuntu's apt has only a snap stub) the test is skipped and says why.
/// </summary>
public class BrowserTests
{
    private static string? FindChromium()
    {
        var env = Environment.GetEnvironmentVariable("TRICKS_CHROMIUM");
        if (!string.IsNullOrEmpty(env)) return env;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
    }

    private static bool MustHaveBrowser() =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } || File.ReadAllText("/etc/os-release").Contains("ID=debian");

    [SkippableFact]
    public void A_results_page_draws_its_charts_offline_in_headless_chromium()
    {
        var chromium = FindChromium();
        if (chromium is null)
        {
            Assert.False(MustHaveBrowser(), "Chromium not found: run ./build.sh setup (installs Debian's chromium) or set TRICKS_CHROMIUM.");
            Skip.If(true, "no Chromium on this machine (Ubuntu's apt has only a snap stub); set TRICKS_CHROMIUM to run this test");
        }
        var dir = Directory.CreateTempSubdirectory("tricks-browser").FullName;
        try
        {
            var page = ReportPage.Write(FormatterTests.Result(baseline: "base <line>"), Path.Combine(dir, "report.html"));
            var psi = new ProcessStartInfo(chromium!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         $"--user-data-dir={Path.Combine(dir, "profile")}", "--virtual-time-budget=10000", "--dump-dom", "file://" + page })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var dom = p.StandardOutput.ReadToEndAsync();
            var err = p.StandardError.ReadToEndAsync();
            Assert.True(p.WaitForExit(90_000), "chromium did not finish in 90 s");
            var html = dom.Result;
            Assert.True(html.Length > 0, "chromium printed no DOM: " + err.Result);
            // plotly.js replaces each empty chart div with its SVG drawing (class main-svg) and draws the traces.
            int charts = System.Text.RegularExpressions.Regex.Matches(html, "class=\"tricks-chart[^\"]*\"").Count;
            int drawn = System.Text.RegularExpressions.Regex.Matches(html, "<svg class=\"main-svg\"").Count;
            Assert.True(charts >= 2, $"expected at least 2 chart containers, found {charts}");
            Assert.True(drawn >= charts, $"only {drawn} plotly SVG layers for {charts} charts: plotly.js did not draw");
            Assert.Contains("class=\"scatterlayer", html);
            Assert.Contains("base &lt;line&gt;", html);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
