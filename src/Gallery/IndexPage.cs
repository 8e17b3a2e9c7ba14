using System.Globalization;
using System.Net;
using System.Text;
using TricksKit.Experiments;

namespace Tricks.Gallery;

/// <summary>
/// The site's front page: a grid of cards, one per notebook, each with its title, a one-line takeaway, a badge per
/// claim with its verdict, its run's time, and a thumbnail PNG of its paper's figure. It loads no plotly.js: the
/// claims tables and live charts are on the pages.
/// </summary>
public static class IndexPage
{
    /// <summary>The index's HTML.</summary>
    public static string Html(IReadOnlyList<GalleryEntry> entries, string generated)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var body = new StringBuilder("<h1>Tricks: ten training tricks, each checked against its paper</h1>\n")
            .Append("<p>Each card is one notebook: a before-and-after experiment over several seeds, the paper's figure drawn from the run, and a verdict per claim ")
            .Append("(<span class=\"reproduced\">reproduced</span>, <span class=\"not-reproduced\">not reproduced</span> at this scale, or <span class=\"inconclusive\">inconclusive</span>) ")
            .Append($"against the one declared before the confirming run. {WebUtility.HtmlEncode(generated)}</p>\n<ul class=\"cards\">\n");
        foreach (var e in entries) body.Append(Card(e));
        body.Append("</ul>\n");
        return PageShell.Html("Tricks gallery", body.ToString(), plotly: false);
    }

    /// <summary>One card.</summary>
    public static string Card(GalleryEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var title = WebUtility.HtmlEncode(e.Notebook.Title);
        var sb = new StringBuilder($"<li class=\"card\"><a href=\"{e.Page}\"><img src=\"{e.Thumbnail}\" width=\"{Thumbnail.Width}\" height=\"{Thumbnail.Height}\" alt=\"{title}: the paper's figure, from the run\"></a>")
            .Append($"<div class=\"body\"><h2><a href=\"{e.Page}\">{title}</a></h2><p>{WebUtility.HtmlEncode(e.Notebook.Takeaway())}</p>");
        if (e.Run is { } r && r.Claims.Count > 0)
        {
            sb.Append("<p class=\"badges\">");
            foreach (var c in r.Claims)
                sb.Append($"<span class=\"badge {(c.Passed ? NotebookPage.VerdictClass(c.Verdict) : "failed")}\" title=\"{WebUtility.HtmlEncode(c.Name)}: {WebUtility.HtmlEncode(c.Shown)} (declared {WebUtility.HtmlEncode(c.Expected.Text())})\">")
                    .Append(WebUtility.HtmlEncode(c.Passed ? c.Verdict.Text() : $"{c.Verdict.Text()}, declared {c.Expected.Text()}")).Append("</span>");
            sb.Append("</p>");
        }
        var meta = new List<string>();
        if (e.Run is { } run) meta.Add($"{run.Mode} mode, {run.Seeds.Count} seeds");
        if (e.Stats is { } s) meta.Add(string.Create(CultureInfo.InvariantCulture, $"{s.Seconds:F0} s"));
        if (meta.Count > 0) sb.Append($"<p class=\"meta\">{WebUtility.HtmlEncode(string.Join(", ", meta))}</p>");
        return sb.Append("</div></li>\n").ToString();
    }
}
