namespace Tricks.Gallery;

/// <summary>
/// What <see cref="Site.Build"/> reads and where it writes: the executed notebooks and their results JSON, the site's
/// folder, and (all optional) the runner's <see cref="NotebookRun"/> per notebook, the notebooks without outputs and
/// the script twins to offer as downloads, the browser that renders the index's thumbnails, and a log.
/// </summary>
public sealed record SiteInputs(string NotebooksDir, string ResultsDir, string SiteDir)
{
    /// <summary>Per notebook name ("08-label-smoothing"): how its executed copy came about.</summary>
    public IReadOnlyDictionary<string, NotebookRun> Runs { get; init; } = new Dictionary<string, NotebookRun>();

    /// <summary>A line on how the site was built (date, machine), shown on the index.</summary>
    public string Generated { get; init; } = "";

    /// <summary>The folder of the notebooks as committed, without outputs (<c>notebooks/</c>), offered as downloads.</summary>
    public string? SourcesDir { get; init; }

    /// <summary>The folder of the script twins (<c>scripts/</c>), offered as downloads.</summary>
    public string? ScriptsDir { get; init; }

    /// <summary>The whole run's wall time in seconds and the notebooks run at once, for the execution-times page.</summary>
    public (double Seconds, int Lanes)? Total { get; init; }

    /// <summary>Headless Chromium for the thumbnails (<see cref="Thumbnail.FindBrowser"/>); null: neutral placeholders.</summary>
    public string? Chromium { get; init; }

    /// <summary>A folder where rendered thumbnails are kept between builds, keyed by their figure (null: none).</summary>
    public string? ThumbnailCache { get; init; }

    /// <summary>Where the build says what it did (thumbnails rendered, reused or replaced by placeholders).</summary>
    public Action<string>? Log { get; init; }
}
