using System.Text;
using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;

namespace Tricks.Gallery;

/// <summary>A heading of a notebook page: its level (1-3), anchor id, title and the plain text that follows it up to the next heading.</summary>
public sealed record Section(int Level, string Id, string Title, string Text);

/// <summary>
/// A notebook's markdown cells rendered once for the page, its table of contents and its search entries: every
/// heading gets an anchor id unique on the page (GitHub-style slugs, "-1", "-2" for repeats).
/// </summary>
public sealed record MarkdownCells(IReadOnlyDictionary<int, string> Html, IReadOnlyList<Section> Sections)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    /// <summary>Renders the markdown cells of <paramref name="notebook"/> (keyed by cell index).</summary>
    public static MarkdownCells Render(ExecutedNotebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var html = new Dictionary<int, string>();
        var sections = new List<(int Level, string Id, string Title, StringBuilder Text)>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Type != "markdown") continue;
            var doc = Markdown.Parse(cell.Source, Pipeline);
            foreach (var block in doc)
            {
                if (block is HeadingBlock h && h.Level <= 3)
                {
                    var title = Plain(cell.Source.Substring(h.Span.Start, h.Span.Length).TrimStart('#'));
                    var id = Unique(Slug(title), used);
                    h.GetAttributes().Id = id;
                    sections.Add((h.Level, id, title, new StringBuilder()));
                }
                else if (sections.Count > 0)
                    sections[^1].Text.Append(Plain(cell.Source.Substring(block.Span.Start, Math.Min(block.Span.Length, cell.Source.Length - block.Span.Start)))).Append(' ');
            }
            html[i] = doc.ToHtml(Pipeline);
        }
        return new MarkdownCells(html, sections.Select(s => new Section(s.Level, s.Id, s.Title, s.Text.ToString().Trim())).ToArray());
    }

    /// <summary>Markdown as plain text, on one line.</summary>
    public static string Plain(string markdown) =>
        string.Join(' ', Markdown.ToPlainText(markdown, Pipeline).Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A GitHub-style anchor: lower case, letters and digits kept, spaces to hyphens, the rest dropped.</summary>
    public static string Slug(string title)
    {
        var sb = new StringBuilder();
        foreach (var c in title.Trim().ToLowerInvariant())
            if (char.IsLetterOrDigit(c) || c == '-' || c == '_') sb.Append(c);
            else if (c == ' ') sb.Append('-');
        return sb.Length > 0 ? sb.ToString() : "section";
    }

    private static string Unique(string slug, HashSet<string> used)
    {
        var id = slug;
        for (int k = 1; !used.Add(id); k++) id = $"{slug}-{k}";
        return id;
    }
}
