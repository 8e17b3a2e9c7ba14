using System.Text.Json;
using Tricks.NotebookRunner;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>The size budget the notebook tests enforce: plotly.js aside, and a bound on live-progress outputs per cell.</summary>
public class NotebookSizeTests
{
    private static string Write(int liveOutputs, int plotlyBytes, int otherBytes)
    {
        var outputs = new List<object>();
        for (int i = 0; i < liveOutputs; i++)
            outputs.Add(new { output_type = "display_data", data = new Dictionary<string, string> { ["text/html"] = $"<div class=\"tricks-live\">update {i}</div>" }, metadata = new { } });
        var plotly = "<script type=\"text/javascript\">(function(){var define=undefined,module=undefined,exports=undefined;\n"
            + new string('x', plotlyBytes) + "\n}).call(window);</script>\n<div class=\"tricks-chart\"></div>" + new string('y', otherBytes);
        outputs.Add(new { output_type = "display_data", data = new Dictionary<string, string> { ["text/html"] = plotly }, metadata = new { } });
        var nb = new { cells = new[] { new { cell_type = "code", metadata = new { }, source = new[] { "x" }, outputs } }, metadata = new { }, nbformat = 4, nbformat_minor = 5 };
        var path = Path.Combine(Path.GetTempPath(), $"size-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, JsonSerializer.Serialize(nb));
        return path;
    }

    [Fact]
    public void Plotly_js_does_not_count_and_everything_else_does()
    {
        var path = Write(liveOutputs: 12, plotlyBytes: 3_500_000, otherBytes: 1000);
        try
        {
            var size = NotebookSize.Measure(path);
            Assert.True(size.Bytes > 3_500_000);
            Assert.InRange(size.BytesWithoutPlotlyJs, 1000, 10_000);
            Assert.Equal(12, size.MaxLiveOutputsInACell);
            Assert.True(size.WithinBudget, size.ToString());
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void A_notebook_over_the_budget_or_with_too_many_live_outputs_fails_it()
    {
        var big = Write(liveOutputs: 1, plotlyBytes: 10, otherBytes: 2_100_000);
        var chatty = Write(liveOutputs: 31, plotlyBytes: 10, otherBytes: 10);
        try
        {
            Assert.False(NotebookSize.Measure(big).WithinBudget);
            var c = NotebookSize.Measure(chatty);
            Assert.Equal(31, c.MaxLiveOutputsInACell);
            Assert.False(c.WithinBudget);
        }
        finally { File.Delete(big); File.Delete(chatty); }
    }
}
