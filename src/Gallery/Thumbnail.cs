using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using TricksKit.Formatters;

namespace Tricks.Gallery;

/// <summary>
/// A notebook's headline figure as a PNG for the index (so the index loads no plotly.js): the figure drawn by headless
/// Chromium, the browser set-up installs, at <see cref="Width"/> x <see cref="Height"/>, networking off. Without a
/// browser, or when it fails, a neutral grey placeholder of the same size, and the log says so.
/// </summary>
public static class Thumbnail
{
    /// <summary>The rendered size in CSS pixels (the card scales it down).</summary>
    public const int Width = 800, Height = 440;

    /// <summary>Chromium: <c>TRICKS_CHROMIUM</c>, else Debian's or Google's usual paths; null when none is found.</summary>
    public static string? FindBrowser()
    {
        var env = Environment.GetEnvironmentVariable("TRICKS_CHROMIUM");
        if (!string.IsNullOrEmpty(env)) return File.Exists(env) ? env : null;
        return new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome" }.FirstOrDefault(File.Exists);
    }

    /// <summary>The neutral placeholder: a light grey PNG of the thumbnail's size.</summary>
    public static byte[] Placeholder()
    {
        var pixels = new byte[Width / 4 * (Height / 4)];
        Array.Fill(pixels, (byte)0xE4);
        return Png.Greyscale(pixels, Width / 4, Height / 4);
    }

    /// <summary>
    /// Writes the thumbnail of <paramref name="figureHtml"/> (a chart's HTML without plotly.js) to <paramref name="png"/>,
    /// drawing it with plotly.js from <paramref name="plotlyJs"/>; reuses a rendering of the same figure kept in
    /// <paramref name="cache"/>. Returns "rendered", "cached" or why a placeholder was written.
    /// </summary>
    public static string Write(string? figureHtml, string png, string plotlyJs, string? chromium, string? cache = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(png);
        if (figureHtml is null) { File.WriteAllBytes(png, Placeholder()); return "placeholder (the notebook drew no chart)"; }
        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(figureHtml)))[..16].ToLowerInvariant();
        var cached = cache is null ? null : Path.Combine(cache, $"{key}.png");
        if (cached is not null && File.Exists(cached)) { File.Copy(cached, png, overwrite: true); return "cached"; }
        if (chromium is null) { File.WriteAllBytes(png, Placeholder()); return "placeholder (no Chromium found: ./build.sh setup installs it, or set TRICKS_CHROMIUM)"; }
        var dir = Directory.CreateTempSubdirectory("tricks-thumb").FullName;
        try
        {
            var page = Path.Combine(dir, "figure.html");
            File.WriteAllText(page, $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{{margin:0;background:#fff}}.modebar-container{{display:none}}</style>"
                + $"<script src=\"{new Uri(Path.GetFullPath(plotlyJs)).AbsoluteUri}\"></script></head><body>{figureHtml}</body></html>");
            var shot = Path.Combine(dir, "shot.png");
            var psi = new ProcessStartInfo(chromium) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--hide-scrollbars", "--disable-background-networking",
                         "--disable-component-update", "--disable-sync", "--host-resolver-rules=MAP * ~NOTFOUND", $"--user-data-dir={Path.Combine(dir, "profile")}",
                         $"--window-size={Width},{Height}", "--virtual-time-budget=10000", $"--screenshot={shot}", new Uri(page).AbsoluteUri })
                psi.ArgumentList.Add(a);
            using var p = Process.Start(psi)!;
            var stdout = p.StandardOutput.ReadToEndAsync();
            var stderr = p.StandardError.ReadToEndAsync();
            if (!p.WaitForExit(60_000)) { p.Kill(true); p.WaitForExit(); }
            if (!File.Exists(shot) || new FileInfo(shot).Length < 100)
            {
                File.WriteAllBytes(png, Placeholder());
                var why = stderr.Result.Split('\n').FirstOrDefault(l => l.Contains("ERROR", StringComparison.Ordinal))?.Trim();
                return $"placeholder (Chromium exited with {(p.HasExited ? p.ExitCode : -1)} and wrote no screenshot{(why is null ? "" : ": " + why)})";
            }
            File.Copy(shot, png, overwrite: true);
            if (cached is not null) { Directory.CreateDirectory(cache!); File.Copy(shot, cached, overwrite: true); }
            return "rendered";
        }
        finally
        {
            try { Directory.Delete(dir, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
