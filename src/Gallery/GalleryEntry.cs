using TricksKit.Experiments;

namespace Tricks.Gallery;

/// <summary>
/// One notebook as the site shows it: the executed notebook and its rendered markdown, its run's results (null without
/// a results JSON), how the run came about (null when the runner did not say), its downloads and its thumbnail.
/// </summary>
public sealed record GalleryEntry(ExecutedNotebook Notebook, MarkdownCells Markdown, ExperimentResult? Run, NotebookRun? Stats,
    IReadOnlyList<Download> Downloads, string? Twin, string Thumbnail)
{
    /// <summary>The page's file name in the site.</summary>
    public string Page => Notebook.Name + ".html";

    /// <summary>A notebook alone: no results, no run facts, no downloads, the placeholder thumbnail's name.</summary>
    public static GalleryEntry For(ExecutedNotebook notebook) =>
        new(notebook, MarkdownCells.Render(notebook), null, null, Array.Empty<Download>(), null, $"{Site.ThumbnailFolder}/{notebook.Name}.png");
}
