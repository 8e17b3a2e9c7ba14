using TricksKit.Experiments;
using System.Text;
using TricksKit.Formatters;

namespace Tricks.Gallery;

/// <summary>
/// Builds the gallery: <c>index.html</c>, one page per executed notebook and <c>plotly.min.js</c> once, all in one
/// folder that opens from disk with no network.
/// </summary>
public static class Site
{
    /// <summary>The file every page loads plotly.js from.</summary>
    public const string PlotlyFile = "plotly.min.js";

    private const string Style = "body{font-family:system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}"
        + "pre{background:#f6f8fa;padding:8px;overflow-x:auto;font-size:13px}details.code summary{color:#666;font-size:12px;cursor:pointer}"
        + ".out{margin:6px 0 14px}.error{color:#cf222e}table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #ccc;padding:2px 8px}"
        + ".held{color:#1a7f37;font-weight:bold}.failed{color:#cf222e;font-weight:bold}.trick{border-top:1px solid #ddd;margin-top:2em}.meta{color:#555}";

    /// <summary>A page: the title, plotly.js from the site's file, the body.</summary>
    public static string Shell(string title, string body) =>
        new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>").Append(System.Net.WebUtility.HtmlEncode(title))
            .Append($"</title><style>{Style}</style><script src=\"{PlotlyFile}\"></script></head><body>\n").Append(body).Append("</body></html>\n").ToString();

    /// <summary>
    /// Writes the site to <paramref name="siteDir"/> from the executed notebooks in <paramref name="notebooksDir"/> and
    /// their results JSON in <paramref name="resultsDir"/>; <paramref name="seconds"/> gives each notebook's wall time
    /// where known. Returns the pages written (index first). Files are written to a temporary folder first and moved
    /// into place, so a failure leaves the previous site as it was.
    /// </summary>
    public static IReadOnlyList<string> Build(string notebooksDir, string resultsDir, string siteDir, IReadOnlyDictionary<string, double>? seconds = null, string? generated = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(notebooksDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(siteDir);
        if (!Directory.Exists(notebooksDir)) throw new DirectoryNotFoundException($"notebooksDir '{notebooksDir}' does not exist: run the notebooks first.");
        var staging = siteDir.TrimEnd('/', '\\') + ".tmp";
        if (Directory.Exists(staging)) Directory.Delete(staging, true);
        Directory.CreateDirectory(staging);
        TricksKit.AtomicFile.WriteAllText(Path.Combine(staging, PlotlyFile), PlotlyHtml.PlotlyJs);
        var entries = new List<IndexPage.Entry>();
        var pages = new List<string>();
        foreach (var path in Directory.GetFiles(notebooksDir, "*.ipynb").OrderBy(p => p, StringComparer.Ordinal))
        {
            var nb = ExecutedNotebook.Read(path);
            TricksKit.AtomicFile.WriteAllText(Path.Combine(staging, nb.Name + ".html"), NotebookPage.Html(nb));
            pages.Add(nb.Name + ".html");
            var json = Path.Combine(resultsDir ?? "", nb.Name + ".json");
            entries.Add(new IndexPage.Entry(nb, File.Exists(json) ? ResultsJson.Read(json) : null, seconds is not null && seconds.TryGetValue(nb.Name, out var s) ? s : null));
        }
        TricksKit.AtomicFile.WriteAllText(Path.Combine(staging, "index.html"), IndexPage.Html(entries, generated ?? ""));
        if (Directory.Exists(siteDir)) Directory.Delete(siteDir, true);
        Directory.Move(staging, siteDir);
        return new[] { Path.Combine(siteDir, "index.html") }.Concat(pages.Select(p => Path.Combine(siteDir, p))).ToArray();
    }
}
