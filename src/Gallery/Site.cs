using TricksKit.Experiments;
using TricksKit.Formatters;

namespace Tricks.Gallery;

/// <summary>
/// Builds the gallery, one folder that opens from disk with no network: <c>index.html</c> (cards with thumbnails), a
/// page per executed notebook, <c>times.html</c>, the shared <c>site.css</c>, <c>site.js</c>, <c>search-index.js</c>
/// and <c>plotly.min.js</c> (once), <c>thumbs/</c> and <c>downloads/</c>.
/// </summary>
public static class Site
{
    /// <summary>The file the pages with charts load plotly.js from.</summary>
    public const string PlotlyFile = "plotly.min.js";

    /// <summary>The folder of the index's thumbnails.</summary>
    public const string ThumbnailFolder = "thumbs";

    /// <summary>Writes the files every page loads (plotly.js, the stylesheet, the script, an empty search index unless one is given) to <paramref name="dir"/>.</summary>
    public static void WriteAssets(string dir, string? searchIndex = null)
    {
        Directory.CreateDirectory(dir);
        TricksKit.AtomicFile.WriteAllText(Path.Combine(dir, PlotlyFile), PlotlyHtml.PlotlyJs);
        TricksKit.AtomicFile.WriteAllText(Path.Combine(dir, SiteStyle.File), SiteStyle.Css);
        TricksKit.AtomicFile.WriteAllText(Path.Combine(dir, SiteScript.File), SiteScript.Js);
        TricksKit.AtomicFile.WriteAllText(Path.Combine(dir, SearchIndex.File), searchIndex ?? SearchIndex.Script(Array.Empty<GalleryEntry>()));
    }

    /// <summary>
    /// Writes the site from <paramref name="inputs"/>. Returns the pages written (index first, then the notebooks in
    /// name order, then the execution times). Everything is written to a temporary folder first and moved into place,
    /// so a failure leaves the previous site as it was.
    /// </summary>
    public static IReadOnlyList<string> Build(SiteInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputs.NotebooksDir);
        ArgumentException.ThrowIfNullOrWhiteSpace(inputs.SiteDir);
        if (!Directory.Exists(inputs.NotebooksDir)) throw new DirectoryNotFoundException($"NotebooksDir '{inputs.NotebooksDir}' does not exist: run the notebooks first.");
        var siteDir = inputs.SiteDir.TrimEnd('/', '\\');
        var staging = siteDir + ".tmp";
        if (Directory.Exists(staging)) Directory.Delete(staging, true);
        Directory.CreateDirectory(Path.Combine(staging, ThumbnailFolder));
        WriteAssets(staging);   // plotly.min.js first: the thumbnails draw with it
        var entries = new List<GalleryEntry>();
        var thumbs = new List<string>();
        foreach (var path in Directory.GetFiles(inputs.NotebooksDir, "*.ipynb").OrderBy(p => p, StringComparer.Ordinal))
        {
            var nb = ExecutedNotebook.Read(path);
            var json = Path.Combine(inputs.ResultsDir ?? "", nb.Name + ".json");
            var thumb = $"{ThumbnailFolder}/{nb.Name}.png";
            var how = Thumbnail.Write(nb.Headline(), Path.Combine(staging, thumb), Path.Combine(staging, PlotlyFile), inputs.Chromium, inputs.ThumbnailCache);
            thumbs.Add($"{nb.Name} {how}");
            entries.Add(new GalleryEntry(nb, MarkdownCells.Render(nb), File.Exists(json) ? ResultsJson.Read(json) : null,
                inputs.Runs.TryGetValue(nb.Name, out var run) ? run : null, Downloads.Copy(nb.Name, inputs, staging),
                Downloads.Twin(nb.Name, inputs.ScriptsDir) is { } twin ? Path.GetFileName(twin) : null, thumb));
        }
        TricksKit.AtomicFile.WriteAllText(Path.Combine(staging, SearchIndex.File), SearchIndex.Script(entries));
        var pages = new List<string> { "index.html" };
        TricksKit.AtomicFile.WriteAllText(Path.Combine(staging, "index.html"), IndexPage.Html(entries, inputs.Generated));
        for (int i = 0; i < entries.Count; i++)
        {
            TricksKit.AtomicFile.WriteAllText(Path.Combine(staging, entries[i].Page),
                NotebookPage.Html(entries[i], i > 0 ? entries[i - 1] : null, i + 1 < entries.Count ? entries[i + 1] : null));
            pages.Add(entries[i].Page);
        }
        TricksKit.AtomicFile.WriteAllText(Path.Combine(staging, ExecutionTimesPage.File), ExecutionTimesPage.Html(entries, inputs.Total));
        pages.Add(ExecutionTimesPage.File);
        if (inputs.Log is { } log)
        {
            var counts = thumbs.GroupBy(t => t[(t.IndexOf(' ') + 1)..].Split(' ')[0]).Select(g => $"{g.Count()} {g.Key}");
            log($"thumbnails: {string.Join(", ", counts)}");
            foreach (var t in thumbs.Where(t => t.Contains("placeholder", StringComparison.Ordinal))) log($"  {t}");
        }
        if (Directory.Exists(siteDir)) Directory.Delete(siteDir, true);
        Directory.Move(staging, siteDir);
        return pages.Select(p => Path.Combine(siteDir, p)).ToArray();
    }
}
