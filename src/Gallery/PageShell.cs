using System.Net;
using System.Text;

namespace Tricks.Gallery;

/// <summary>
/// The frame every page of the site shares: the stylesheet and script files, a header with the search box and the
/// links to the index and the execution times, an optional sidebar, and plotly.js only on pages that draw charts.
/// </summary>
public static class PageShell
{
    /// <summary>The page's HTML: <paramref name="main"/> beside <paramref name="sidebar"/> (if any); plotly.js from the site's file when <paramref name="plotly"/>.</summary>
    public static string Html(string title, string main, bool plotly, string? sidebar = null)
    {
        var sb = new StringBuilder("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"color-scheme\" content=\"light dark\">")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>")
            .Append($"<link rel=\"stylesheet\" href=\"{SiteStyle.File}\">");
        if (plotly) sb.Append($"<script src=\"{Site.PlotlyFile}\"></script>");
        sb.Append($"<script src=\"{SearchIndex.File}\" defer></script><script src=\"{SiteScript.File}\" defer></script></head><body>\n")
            .Append("<header class=\"top\"><a class=\"home\" href=\"index.html\">Tricks</a>")
            .Append("<input id=\"search\" type=\"search\" placeholder=\"Search: label smoothing, ECE, batch 2\" aria-label=\"Search the gallery\" autocomplete=\"off\">")
            .Append($"<a href=\"{ExecutionTimesPage.File}\">execution times</a><ol id=\"search-results\"></ol></header>\n")
            .Append("<div class=\"layout\">");
        if (sidebar is not null) sb.Append(sidebar);
        return sb.Append("<main>\n").Append(main).Append("</main></div></body></html>\n").ToString();
    }
}
