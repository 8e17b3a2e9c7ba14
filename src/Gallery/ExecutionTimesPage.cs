using System.Globalization;
using System.Net;
using System.Text;

namespace Tricks.Gallery;

/// <summary>
/// The execution-times page (as sphinx-gallery's <c>sg_execution_times</c>): per notebook its wall time, peak resident
/// memory and executed size, slowest first, whether the build reused it, and the total with the notebooks run at once.
/// </summary>
public static class ExecutionTimesPage
{
    /// <summary>The page's file name in the site.</summary>
    public const string File = "times.html";

    /// <summary>The page's HTML.</summary>
    public static string Html(IReadOnlyList<GalleryEntry> entries, (double Seconds, int Lanes)? total)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var timed = entries.Where(e => e.Stats is not null).OrderByDescending(e => e.Stats!.Seconds).ThenBy(e => e.Notebook.Name, StringComparer.Ordinal).ToArray();
        var sb = new StringBuilder("<h1>Execution times</h1>\n");
        var sum = timed.Sum(e => e.Stats!.Seconds);
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"<p>{timed.Length} notebook(s), {sum:F1} s of notebook time"));
        if (total is { } t) sb.Append(string.Create(CultureInfo.InvariantCulture, $"; the run took {t.Seconds:F1} s of wall time with {t.Lanes} notebook(s) at a time"));
        sb.Append(". A reused notebook shows the time of the run it kept.</p>\n");
        sb.Append("<div class=\"scroll\"><table class=\"times\"><thead><tr><th>notebook</th><th>seconds</th><th>peak RSS MB</th><th>executed MB</th><th>this build</th></tr></thead><tbody>");
        foreach (var e in timed)
        {
            var s = e.Stats!;
            sb.Append($"<tr><td><a href=\"{e.Page}\">{WebUtility.HtmlEncode(e.Notebook.Name)}</a></td>")
                .Append(string.Create(CultureInfo.InvariantCulture, $"<td>{s.Seconds:F1}</td><td>{s.PeakRssMb:F0}</td><td>{s.Bytes / 1e6:F2}</td>"))
                .Append($"<td>{(s.Reused ? "reused" : "ran")}</td></tr>");
        }
        sb.Append(string.Create(CultureInfo.InvariantCulture, $"<tr><th>total</th><th>{sum:F1}</th><th>{(timed.Length > 0 ? timed.Max(e => e.Stats!.PeakRssMb) : 0):F0}</th><th>{timed.Sum(e => e.Stats!.Bytes) / 1e6:F2}</th><th></th></tr>"));
        sb.Append("</tbody></table></div>\n");
        var untimed = entries.Where(e => e.Stats is null).Select(e => e.Notebook.Name).ToArray();
        if (untimed.Length > 0) sb.Append($"<p class=\"meta\">No times for: {WebUtility.HtmlEncode(string.Join(", ", untimed))}.</p>\n");
        return PageShell.Html("Execution times", sb.ToString(), plotly: false);
    }
}
