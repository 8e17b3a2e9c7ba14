using TricksKit.Experiments;
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
                body.Append("<table><thead><tr><th>claim</th><th>observed</th><th>threshold</th><th>control</th><th>verdict</th></tr></thead><tbody>");
                foreach (var c in r.Claims)
                    body.Append($"<tr><td>{WebUtility.HtmlEncode(c.Name)}</td><td>{WebUtility.HtmlEncode(c.Shown)}</td><td>{WebUtility.HtmlEncode(c.Bound)}</td>")
                        .Append($"<td>{WebUtility.HtmlEncode(c.Control?.Compares ?? "none")}: {WebUtility.HtmlEncode(c.Control?.Shown ?? "-")}</td>")
                        .Append($"<td class=\"{(c.Passed ? "held" : "failed")}\">{(c.Passed ? "passed" : "FAILED")}</td></tr>");
                body.Append("</tbody></table>\n");
            }
            if (Headline(e.Notebook) is { } figure) body.Append($"<div class=\"out\">{figure}</div>\n");
            body.Append($"<p><a href=\"{page}\">the notebook, executed &rarr;</a></p></section>\n");
        }
        return Site.Shell("Tricks gallery", body.ToString());
    }

    /// <summary>The heading of the section that draws a trick notebook's paper figure.</summary>
    public const string EvidenceHeading = "## The evidence, drawn from this run";

    /// <summary>The first chart of the notebook's evidence section (its paper's figure), or else its last chart.</summary>
    public static string? Headline(ExecutedNotebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        static bool IsChart(CellOutput o) => o.Mime == "text/html" && o.Text.Contains("class=\"tricks-chart", StringComparison.Ordinal)
            && !o.Text.Contains("tricks-live", StringComparison.Ordinal);
        int evidence = notebook.Cells.ToList().FindIndex(c => c.Type == "markdown" && c.Source.Contains(EvidenceHeading, StringComparison.Ordinal));
        var figure = evidence >= 0
            ? notebook.Cells.Skip(evidence).SelectMany(c => c.Outputs).FirstOrDefault(IsChart)
            : notebook.Cells.SelectMany(c => c.Outputs).LastOrDefault(IsChart);
        return figure is null ? null : NotebookPage.WithoutInlinePlotly(figure.Text);
    }
}
