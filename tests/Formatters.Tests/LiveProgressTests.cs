using System.Text.RegularExpressions;

namespace TricksKit.Formatters.Tests;

/// <summary>The live display stays small whatever the host and the run length (issue: live progress stays small).</summary>
public class LiveProgressTests
{
    /// <summary>A fake experiment: runs x steps, one report per step, the clock advancing by <paramref name="stepTime"/>.</summary>
    private static (List<string> Outputs, LiveProgress Live) Simulate(bool inPlace, int runs, int steps, TimeSpan stepTime)
    {
        var outputs = new List<string>();
        var now = TimeSpan.Zero;
        var live = new LiveProgress("fake", outputs.Add, inPlace, null, () => now);
        for (int r = 1; r <= runs; r++)
            for (int s = 1; s <= steps; s++)
            {
                now += stepTime;
                live.Report(new ExperimentProgress("arm", r, r, runs, new TrainingProgress("arm", s, steps, 0, 2.0 / s + 0.001 * (s % 7), null)));
            }
        live.Dispose();
        return (outputs, live);
    }

    [Theory]
    [InlineData(1, 100, 10)]        // a second-long run
    [InlineData(6, 4000, 10)]       // a quick-mode notebook: 6 runs x 4,000 steps, 4 minutes
    [InlineData(24, 20000, 20)]     // a long full-mode run: 24 runs x 20,000 steps, 2.7 hours
    public void An_appending_host_gets_at_most_30_outputs_of_bounded_size(int runs, int steps, int msPerStep)
    {
        var (outputs, live) = Simulate(inPlace: false, runs, steps, TimeSpan.FromMilliseconds(msPerStep));
        Assert.InRange(outputs.Count, 2, RedrawSchedule.MaxOutputs);
        Assert.Contains("done:", outputs[^1]);
        Assert.Equal(outputs.Count - 1, live.Updates);
        foreach (var html in outputs)
        {
            Assert.True(html.Length < 12_000, $"an output of {html.Length} characters");
            var polyline = Regex.Match(html, "points=\"([^\"]*)\"");
            if (polyline.Success) Assert.InRange(polyline.Groups[1].Value.Split(' ').Length, 2, LiveProgress.MaxSparklinePoints);
        }
    }

    [Fact]
    public void An_in_place_host_redraws_about_once_a_second()
    {
        // 200 s of steps, 10 ms each: an in-place host (VS Code) redraws every second.
        var (outputs, _) = Simulate(inPlace: true, runs: 2, steps: 10000, TimeSpan.FromMilliseconds(10));
        Assert.InRange(outputs.Count, 195, 202);
    }

    [Fact]
    public void The_appending_schedule_grows_its_gaps()
    {
        var schedule = new RedrawSchedule(inPlace: false);
        var due = Enumerable.Range(1, 600).Select(s => TimeSpan.FromSeconds(s)).Where(schedule.Due).ToArray();
        Assert.InRange(due.Length, 8, 20);                              // 10 minutes: a handful, not 600
        for (int i = 1; i < due.Length; i++) Assert.True(due[i].TotalSeconds >= 1.5 * due[i - 1].TotalSeconds);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RedrawSchedule(false, TimeSpan.FromSeconds(-1)));
    }

    [Fact]
    public void The_sparkline_keeps_at_most_200_points_and_the_last_value_exact()
    {
        var values = Enumerable.Range(0, 10_001).Select(i => (double)i).ToArray();
        var points = LiveProgress.Downsample(values, 200);
        Assert.Equal(200, points.Count);
        Assert.Equal(10_000, points[^1]);                              // exact
        Assert.Equal(24.5, points[0], 9);                              // the mean of the first 50 steps
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, LiveProgress.Downsample(new[] { 1.0, 2.0, 3.0 }, 200));
        Assert.Throws<ArgumentOutOfRangeException>(() => LiveProgress.Downsample(values, 1));
    }

    [Fact]
    public void The_host_is_detected_from_the_kernel_command_line()
    {
        Assert.True(LiveProgress.HostReplacesInPlace(new[] { "Microsoft.DotNet.Interactive.App.dll", "[vscode]", "stdio", "--working-dir", "/w" }));
        Assert.False(LiveProgress.HostReplacesInPlace(new[] { "dotnet-repl.dll", "--run", "06-flooding.ipynb", "--exit-after-run" }));
        Assert.False(LiveProgress.HostReplacesInPlace(new[] { "Microsoft.DotNet.Interactive.App.dll", "jupyter", "--default-kernel", "csharp" }));
    }
}
