namespace Tricks.Gallery;

/// <summary>One file a page offers: what it is, and its path relative to the site (under <c>downloads/</c>).</summary>
public sealed record Download(string Label, string Href);

/// <summary>
/// The files a notebook's page offers, copied into the site's <c>downloads/</c> folder so the links work from disk and on
/// any static host: the notebook as committed (without outputs), the executed notebook, the script twin and the
/// results JSON, each where it exists.
/// </summary>
public static class Downloads
{
    /// <summary>The folder under the site.</summary>
    public const string Folder = "downloads";

    /// <summary>Copies <paramref name="name"/>'s files from <paramref name="inputs"/> into <paramref name="siteDir"/>; returns the links, in that order.</summary>
    public static IReadOnlyList<Download> Copy(string name, SiteInputs inputs, string siteDir)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var dir = Path.Combine(siteDir, Folder);
        Directory.CreateDirectory(dir);
        var links = new List<Download>();
        void Offer(string label, string? source, string target)
        {
            if (source is null || !File.Exists(source)) return;
            File.Copy(source, Path.Combine(dir, target), overwrite: true);
            links.Add(new Download(label, $"{Folder}/{target}"));
        }
        Offer("notebook (.ipynb, no outputs)", inputs.SourcesDir is { } src ? Path.Combine(src, name + ".ipynb") : null, name + ".ipynb");
        Offer("executed notebook (.ipynb, with outputs)", Path.Combine(inputs.NotebooksDir, name + ".ipynb"), name + ".executed.ipynb");
        if (Twin(name, inputs.ScriptsDir) is { } twin) Offer($"script twin ({Path.GetExtension(twin)})", twin, Path.GetFileName(twin));
        Offer("results (.json)", Path.Combine(inputs.ResultsDir, name + ".json"), name + ".json");
        return links;
    }

    /// <summary>The script twin of <paramref name="name"/> in <paramref name="scriptsDir"/>: <c>NAME.cs</c>, else <c>NAME.fsx</c>, else the name without its number ("tour.fsx"); null when none.</summary>
    public static string? Twin(string name, string? scriptsDir)
    {
        if (scriptsDir is null) return null;
        var bare = name.IndexOf('-') is int dash and > 0 ? name[(dash + 1)..] : name;
        return new[] { name + ".cs", name + ".fsx", bare + ".cs", bare + ".fsx" }.Select(f => Path.Combine(scriptsDir, f)).FirstOrDefault(File.Exists);
    }
}
