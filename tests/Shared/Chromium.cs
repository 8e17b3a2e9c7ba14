using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tricks.TestSupport;

/// <summary>What headless Chromium saw on a page: the charts placed, the charts plotly.js drew, and every console message.</summary>
public sealed record PageCheck(string Page, int Charts, int Drawn, IReadOnlyList<string> Console, string Dom)
{
    /// <summary>Every chart drew and nothing was logged to the console (no script error, no warning).</summary>
    public bool Clean => Drawn == Charts && Console.Count == 0;

    public override string ToString() => $"{Path.GetFileName(Page)}: {Drawn} of {Charts} charts drawn, {Console.Count} console message(s){(Console.Count > 0 ? ": " + string.Join(" | ", Console.Take(3)) : "")}";
}

/// <summary>
/// Headless Chromium (Debian's package, which set-up installs on Debian; <c>TRICKS_CHROMIUM</c> overrides) opening a
/// page from disk with networking off: every host resolves to nothing, so a page that needs the network fails to draw.
/// </summary>
public static class Chromium
{
    /// <summary>The browser, or null when none is installed.</summary>
    public static string? Find()
    {
        var env = Environment.GetEnvironmentVariable("TRICKS_CHROMIUM");
        if (!string.IsNullOrEmpty(env)) return env;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
    }

    /// <summary>On Debian and in CI a missing Chromium is a failure (set-up installs it); elsewhere tests may skip.</summary>
    public static bool Required() =>
        Environment.GetEnvironmentVariable("CI") is { Length: > 0 } || (File.Exists("/etc/os-release") && File.ReadAllText("/etc/os-release").Contains("ID=debian"));

    /// <summary>Opens <paramref name="page"/> and reports what drew: chart containers (class tricks-chart) and those plotly.js turned into plots.</summary>
    public static PageCheck Check(string page, int budgetMs = 15000)
    {
        var chromium = Find() ?? throw new InvalidOperationException("Chromium not found: run ./build.sh setup or set TRICKS_CHROMIUM.");
        var profile = Directory.CreateTempSubdirectory("tricks-chromium").FullName;
        try
        {
            var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", "--enable-logging=stderr", "--v=0",
                         $"--user-data-dir={profile}", $"--virtual-time-budget={budgetMs}", "--dump-dom", "file://" + Path.GetFullPath(page) })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var dom = p.StandardOutput.ReadToEndAsync();
            var err = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"chromium did not finish {page} in 120 s"); }
            var html = dom.Result;
            if (html.Length == 0) throw new InvalidOperationException("chromium printed no DOM: " + err.Result);
            var console = err.Result.Split('\n').Where(l => l.Contains(":CONSOLE", StringComparison.Ordinal)).Select(l => l.Trim()).ToArray();
            return new PageCheck(page, Regex.Matches(html, "class=\"tricks-chart[\" ]").Count, Regex.Matches(html, "class=\"tricks-chart js-plotly-plot\"").Count, console, html);
        }
        finally
        {
            try { Directory.Delete(profile, true); } catch (IOException) { }
        }
    }
}
