using System.Text;
using TricksKit.Experiments;

namespace Tricks.Gallery;

/// <summary>
/// Every claim of a set of runs as one Markdown table (the runner's <c>--table</c>): per claim the notebook, the paper's
/// number, ours (estimate and 95% interval), the threshold, the baseline, the verdict against the declared one and the
/// control; above it, per notebook, the mode and the seeds, and the commit the runs came from.
/// </summary>
public static class ClaimsTable
{
    /// <summary>The table of <paramref name="runs"/> (notebook name, its results), headed with <paramref name="commit"/> and <paramref name="generated"/>.</summary>
    public static string Markdown(IReadOnlyList<(string Notebook, ExperimentResult Run)> runs, string commit, string generated)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(commit);
        int claims = runs.Sum(r => r.Run.Claims.Count), passed = runs.Sum(r => r.Run.Claims.Count(c => c.Passed));
        var sb = new StringBuilder("# Claims table\n\n")
            .Append($"Written by the notebook runner (`./build.sh run --table <file>`), not by hand. {generated} Commit `{commit}`. ")
            .Append($"{passed} of {claims} claims came out as declared, in {runs.Count} notebook(s).\n\n")
            .Append("| notebook | mode | seeds |\n| --- | --- | --- |\n");
        foreach (var (name, run) in runs) sb.Append($"| {Cell(name)} | {Cell(run.Mode)} | {string.Join(", ", run.Seeds)} |\n");
        sb.Append("\n| notebook | claim | paper | ours [95% interval] | threshold | baseline | verdict (declared) | control | |\n")
            .Append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var (name, run) in runs)
            foreach (var c in run.Claims)
                sb.Append($"| {Cell(name)} | {Cell(c.Name)} | {Cell(c.Paper.Length > 0 ? c.Paper : "-")} | {Cell(c.Shown)} | {Cell(c.Bound)} | {Cell(c.Baseline)} | ")
                    .Append($"{c.Verdict.Text()} ({c.Expected.Text()}) | {Cell(c.Control is { } k ? $"{k.Compares}: {k.Shown}, {k.Verdict.Text()}" : "none")} | {(c.Passed ? "passed" : "FAILED")} |\n");
        return sb.ToString();
    }

    /// <summary>Text made safe for one Markdown table cell.</summary>
    private static string Cell(string text) => text.Replace("|", "\\|").Replace("\r", " ").Replace("\n", " ");
}
