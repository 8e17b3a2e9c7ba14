using TricksKit.Experiments;
using TricksKit.Formatters;
using System.Globalization;
using System.Net;
using System.Text;

namespace Tricks.Gallery;

/// <summary>The site's front page: each trick with its headline figure, its claims and verdicts, and the run's mode, seeds and time.</summary>
public static class IndexPage
{
    /// <summary>One entry: the notebook, its run's summary (null without a results JSON) and its wall time (null when unknown).</summary>
    public sealed record Entry(ExecutedNotebook Notebook, ExperimentResult? Run, double? Seconds);

    /// <summary>The index's HTML.</summary>
    public static string Html(IReadOnlyList<Entry> entries, string generated)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var body = new StringBuilder("<h1>Tricks: ten training tricks, each checked against its paper</h1>\n")
            .Append($"<p>Every figure below was drawn by the notebook's own run; the paper's number is printed beside ours where the paper gives one. {WebUtility.HtmlEncode(generated)}</p>\n");
        foreach (var e in entries)
        {
            var page = e.Notebook.Name + ".html";
            body.Append($"<section class=\"trick\"><h2><a href=\"{page}\">{WebUtility.HtmlEncode(e.Notebook.Title)}</a></h2>\n");
            if (e.Run is { } r)
            {
                var time = e.Seconds is { } s ? string.Create(CultureInfo.InvariantCulture, $", {s:F0} s") : "";
                body.Append($"<p class=\"meta\">{WebUtility.HtmlEncode(r.Mode)} mode, seeds {string.Join(", ", r.Seeds)}{time}</p>\n");
                body.Append("<table><thead><tr><th>claim</th><th>paper</th><th>ours [95% interval]</th><th>threshold</th><th>baseline</th><th>verdict (expected)</th><th>control</th><th></th></tr></thead><tbody>");
                foreach (var c in r.Claims)
                    body.Append($"<tr><td>{WebUtility.HtmlEncode(c.Name)}</td><td>{WebUtility.HtmlEncode(c.Paper.Length > 0 ? c.Paper : "-")}</td><td>{WebUtility.HtmlEncode(c.Shown)}</td><td>{WebUtility.HtmlEncode(c.Bound)}</td>")
                        .Append($"<td>{WebUtility.HtmlEncode(c.Baseline)}</td><td>{WebUtility.HtmlEncode(c.Verdict.Text())} ({WebUtility.HtmlEncode(c.Expected.Text())})</td>")
                        .Append($"<td>{WebUtility.HtmlEncode(c.Control?.Compares ?? "none")}: {WebUtility.HtmlEncode(c.Control?.Shown ?? "-")}, {WebUtility.HtmlEncode(c.Control?.Verdict.Text() ?? "-")}</td>")
                        .Append($"<td class=\"{(c.Passed ? "held" : "failed")}\">{(c.Passed ? "passed" : "FAILED")}</td></tr>");
                body.Append("</tbody></table>\n");
            }
            if (Headline(e.Notebook) is { } figure) body.Append($"<div class=\"out\">{figure}</div>\n");
            body.Append($"<p><a href=\"{page}\">the notebook, executed &rarr;</a></p></section>\n");
        }
        return Site.Shell("Tricks gallery", body.ToString());
    }

    /// <summary>The notebook's headline figure (the output its study marked, <see cref="HeadlineFigure"/>), or null.</summary>
    public static string? Headline(ExecutedNotebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var marker = $"class=\"{HeadlineFigure.CssClass}\"";
        var figure = notebook.Cells.SelectMany(c => c.Outputs).FirstOrDefault(o => o.Mime == "text/html" && o.Text.Contains(marker, StringComparison.Ordinal));
        return figure is null ? null : NotebookPage.WithoutInlinePlotly(figure.Text);
    }
}
