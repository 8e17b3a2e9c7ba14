using TricksKit.Experiments;
using System.Text;
using System.Text.Json;

namespace Tricks.Gallery;

/// <summary>
/// The gallery's search index, shipped as a script (<c>search-index.js</c> sets <c>window.TRICKS_SEARCH</c>) so search
/// works from <c>file://</c>, where a page cannot fetch a JSON file: per notebook its title and takeaway, each section
/// (heading and text, linked to its anchor), and each claim with the paper's number and the verdict.
/// </summary>
public static class SearchIndex
{
    /// <summary>The script's file name in the site.</summary>
    public const string File = "search-index.js";

    /// <summary>One entry: the link (page and anchor), the notebook's title, a heading, the text searched and shown.</summary>
    public sealed record Item(string P, string T, string H, string X);

    /// <summary>Every entry of <paramref name="entries"/>.</summary>
    public static IReadOnlyList<Item> Items(IReadOnlyList<GalleryEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var items = new List<Item>();
        foreach (var e in entries)
        {
            var title = e.Notebook.Title;
            items.Add(new Item(e.Page, title, "", e.Notebook.Takeaway(400)));
            foreach (var s in e.Markdown.Sections.Where(s => s.Level > 1))
                items.Add(new Item($"{e.Page}#{s.Id}", title, s.Title, s.Text));
            if (e.Run is { } r)
                foreach (var c in r.Claims)
                    items.Add(new Item($"{e.Page}#{NotebookPage.RunAnchor}", title, "claim: " + c.Name,
                        $"{c.Name}. Paper: {(c.Paper.Length > 0 ? c.Paper : "-")}. Ours: {c.Shown}, {c.Verdict.Text()} (declared {c.Expected.Text()}). Baseline: {c.Baseline}."));
        }
        return items;
    }

    /// <summary>The script text.</summary>
    public static string Script(IReadOnlyList<GalleryEntry> entries)
    {
        var json = JsonSerializer.Serialize(Items(entries).Select(i => new Dictionary<string, string> { ["p"] = i.P, ["t"] = i.T, ["h"] = i.H, ["x"] = i.X }));
        // "</" could close a script element were the index ever inlined: escape it as JSON allows.
        return new StringBuilder("window.TRICKS_SEARCH = ").Append(json.Replace("</", "<\\/")).Append(";\n").ToString();
    }
}
