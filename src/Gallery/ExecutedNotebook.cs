using System.Text.Json;

namespace Tricks.Gallery;

/// <summary>One output of a code cell: its MIME type ("text/html", "text/plain", "stream", "error") and text.</summary>
public sealed record CellOutput(string Mime, string Text);

/// <summary>One cell of an executed notebook: "markdown" or "code", its language (csharp, fsharp, markdown), source and outputs.</summary>
public sealed record NotebookCell(string Type, string Language, string Source, IReadOnlyList<CellOutput> Outputs);

/// <summary>An executed .ipynb as the gallery reads it (System.Text.Json; nbformat 4).</summary>
public sealed record ExecutedNotebook(string Name, IReadOnlyList<NotebookCell> Cells)
{
    /// <summary>The first level-1 heading of the first markdown cell, or the name.</summary>
    public string Title => Cells.Where(c => c.Type == "markdown")
        .SelectMany(c => c.Source.Split('\n')).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? Name;

    /// <summary>
    /// The one-line takeaway the index shows: a paragraph that starts "**Takeaway.**" if the notebook has one, else its
    /// first paragraph after the title (a bold lead-in such as "**The trick.**" dropped), as plain text, cut at a
    /// sentence or word end near <paramref name="limit"/> characters.
    /// </summary>
    public string Takeaway(int limit = 140)
    {
        var paragraphs = Cells.Where(c => c.Type == "markdown").SelectMany(c => c.Source.Replace("\r\n", "\n").Split("\n\n"))
            .Select(p => p.Trim()).Where(p => p.Length > 0 && !p.StartsWith('#')).ToArray();
        var chosen = paragraphs.FirstOrDefault(p => p.StartsWith("**Takeaway.**", StringComparison.Ordinal)) ?? paragraphs.FirstOrDefault() ?? "";
        if (chosen.StartsWith("**", StringComparison.Ordinal) && chosen.IndexOf("**", 2, StringComparison.Ordinal) is int end and > 2 && end < 40)
            chosen = chosen[(end + 2)..];
        var text = MarkdownCells.Plain(chosen);
        if (text.Length <= limit) return text;
        int sentence = text.LastIndexOf(". ", limit, StringComparison.Ordinal);
        if (sentence > limit / 2) return text[..(sentence + 1)];
        int word = text.LastIndexOf(' ', limit);
        return text[..(word > 0 ? word : limit)] + "\u2026";
    }

    /// <summary>
    /// The headline figure's HTML without inline plotly.js: the output its study marked
    /// (<see cref="TricksKit.Formatters.HeadlineFigure"/>), else (a notebook with no paper, such as the tour) its first
    /// chart; null when it drew none.
    /// </summary>
    public string? Headline()
    {
        var html = Cells.SelectMany(c => c.Outputs).Where(o => o.Mime == "text/html" && !NotebookPage.IsLive(o)).ToArray();
        var marker = $"class=\"{TricksKit.Formatters.HeadlineFigure.CssClass}\"";
        var figure = html.FirstOrDefault(o => o.Text.Contains(marker, StringComparison.Ordinal))
            ?? html.FirstOrDefault(o => o.Text.Contains("class=\"tricks-chart\"", StringComparison.Ordinal));
        return figure is null ? null : NotebookPage.WithoutInlinePlotly(figure.Text);
    }

    /// <summary>Reads <paramref name="path"/>; the name is the file name without extension.</summary>
    public static ExecutedNotebook Read(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        var cells = new List<NotebookCell>();
        foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
        {
            var type = cell.GetProperty("cell_type").GetString() ?? "";
            var source = Text(cell.GetProperty("source"));
            var language = type == "markdown" ? "markdown"
                : cell.TryGetProperty("metadata", out var m) && m.TryGetProperty("polyglot_notebook", out var p) && p.TryGetProperty("kernelName", out var k) ? k.GetString() ?? "csharp" : "csharp";
            var outputs = new List<CellOutput>();
            if (cell.TryGetProperty("outputs", out var outs))
                foreach (var o in outs.EnumerateArray())
                {
                    var kind = o.GetProperty("output_type").GetString();
                    if (kind == "stream") outputs.Add(new CellOutput("stream", Text(o.GetProperty("text"))));
                    else if (kind == "error") outputs.Add(new CellOutput("error", $"{o.GetProperty("ename").GetString()}: {o.GetProperty("evalue").GetString()}"));
                    else if (o.TryGetProperty("data", out var data))
                    {
                        if (data.TryGetProperty("text/html", out var html)) outputs.Add(new CellOutput("text/html", Text(html)));
                        else if (data.TryGetProperty("text/plain", out var plain)) outputs.Add(new CellOutput("text/plain", Text(plain)));
                    }
                }
            cells.Add(new NotebookCell(type, language, source, outputs));
        }
        return new ExecutedNotebook(Path.GetFileNameWithoutExtension(path), cells);
    }

    private static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Array
        ? string.Concat(e.EnumerateArray().Select(x => x.GetString())) : e.GetString() ?? "";
}
