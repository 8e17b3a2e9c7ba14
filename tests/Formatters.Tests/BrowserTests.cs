using Tricks.TestSupport;

namespace TricksKit.Formatters.Tests;

/// <summary>
/// Opens a rendered results page in headless Chromium with no network and checks that plotly.js actually drew the
/// charts. On Debian and in CI a missing Chromium is a failure; elsewhere (Ubuntu's apt has only a snap stub) the
/// test is skipped and says why.
/// </summary>
public class BrowserTests
{
    [SkippableFact]
    public void A_results_page_draws_its_charts_offline_in_headless_chromium()
    {
        if (Chromium.Find() is null)
        {
            Assert.False(Chromium.Required(), "Chromium not found: run ./build.sh setup (installs Debian's chromium) or set TRICKS_CHROMIUM.");
            Skip.If(true, "no Chromium on this machine (Ubuntu's apt has only a snap stub); set TRICKS_CHROMIUM to run this test");
        }
        var dir = Directory.CreateTempSubdirectory("tricks-browser").FullName;
        try
        {
            var page = ReportPage.Write(FormatterTests.Result(baseline: "base <line>"), Path.Combine(dir, "report.html"));
            var check = Chromium.Check(page);
            Assert.True(check.Charts >= 2, $"expected at least 2 chart containers: {check}");
            Assert.True(check.Clean, check.ToString());
            Assert.Contains("class=\"scatterlayer", check.Dom);
            Assert.Contains("base &lt;line&gt;", check.Dom);
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { }
        }
    }
}
