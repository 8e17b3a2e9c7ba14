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

    /// <summary>
    /// Opens a copy of <paramref name="page"/> (beside it, so its relative links work) with <paramref name="script"/>
    /// appended: a JavaScript expression evaluated 1.5 s after the page's load event, whose value (JSON) is returned.
    /// <paramref name="width"/> sets the window's width; <paramref name="dark"/> makes the system colour scheme dark.
    /// </summary>
    public static string Evaluate(string page, string script, int width = 1200, bool dark = false, int budgetMs = 15000)
    {
        var chromium = Find() ?? throw new InvalidOperationException("Chromium not found: run ./build.sh setup or set TRICKS_CHROMIUM.");
        var copy = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(page))!, $"check-{Guid.NewGuid():N}.html");
        var html = File.ReadAllText(page);
        var probe = "<pre id=\"tricks-check\"></pre><script>window.addEventListener('load',function(){setTimeout(function(){var v;try{v=JSON.stringify((function(){return "
            + script + ";})());}catch(e){v=JSON.stringify('error: '+e);}document.getElementById('tricks-check').textContent=v;},1500);});</script>";
        File.WriteAllText(copy, html.Replace("</body>", probe + "</body>"));
        // Headless Chromium's window is at least 500 px wide: a narrower viewport is an iframe of that width, read from its parent.
        var open = copy;
        if (width < 500)
        {
            open = Path.ChangeExtension(copy, ".frame.html");
            File.WriteAllText(open, $"<!DOCTYPE html><html><body style=\"margin:0\"><iframe id=\"f\" src=\"{Path.GetFileName(copy)}\" style=\"width:{width}px;height:900px;border:0\"></iframe>"
                + "<pre id=\"tricks-check\"></pre><script>window.addEventListener('load',function(){setTimeout(function(){document.getElementById('tricks-check').textContent="
                + "document.getElementById('f').contentDocument.getElementById('tricks-check').textContent;},3000);});</script></body></html>");
        }
        var profile = Directory.CreateTempSubdirectory("tricks-chromium").FullName;
        try
        {
            var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            var args = new List<string> { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--hide-scrollbars",
                "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={profile}",
                $"--window-size={width},900", $"--virtual-time-budget={budgetMs}", "--dump-dom" };
            if (dark) args.Add("--force-dark-mode");
            if (width < 500) args.Add("--allow-file-access-from-files");
            args.Add(new Uri(open).AbsoluteUri);
            foreach (var a in args) psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var dom = p.StandardOutput.ReadToEndAsync();
            var err = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException($"chromium did not finish {page} in 120 s"); }
            var m = Regex.Match(dom.Result, "<pre id=\"tricks-check\">(.*?)</pre>", RegexOptions.Singleline);
            if (!m.Success || m.Groups[1].Value.Length == 0) throw new InvalidOperationException($"the check script left no value on {page}: {err.Result}");
            return System.Net.WebUtility.HtmlDecode(m.Groups[1].Value);
        }
        finally
        {
            File.Delete(copy);
            if (open != copy) File.Delete(open);
            try { Directory.Delete(profile, true); } catch (IOException) { }
        }
    }
}
