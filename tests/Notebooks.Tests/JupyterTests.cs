using System.Diagnostics;
using System.Text.Json;
using Tricks.NotebookRunner;
using Tricks.TestSupport;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>
/// The notebooks also run in plain Jupyter: nbclient (Debian's python3-nbclient, which set-up installs) executes
/// 00-tour.ipynb with the pinned .NET Interactive tool's C# kernel (registered by set-up), every cell going to C# and
/// the F# cell through its #!fsharp magic. The executed copy (artifacts/jupyter/) keeps no kernel bootstrap output.
/// </summary>
public class JupyterTests
{
    private static readonly string Root = Tricks.Lab.Repository.FindRoot();

    private static bool HasNbclient()
    {
        if (!File.Exists("/usr/bin/python3")) return false;
        using var p = Process.Start(new ProcessStartInfo("/usr/bin/python3", "-c \"import nbclient\"") { RedirectStandardError = true, UseShellExecute = false })!;
        p.WaitForExit(30_000);
        return p.ExitCode == 0;
    }

    [Fact]
    public void The_tour_runs_in_plain_jupyter_with_the_dotnet_interactive_kernel()
    {
        var kernel = Path.Combine(Environment.GetEnvironmentVariable("JUPYTER_DATA_DIR") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter"), "kernels", ".net-csharp", "kernel.json");
        if (!HasNbclient() || !File.Exists(kernel))
        {
            Assert.False(Chromium.Required(), $"plain Jupyter is not set up (python3-nbclient: {HasNbclient()}, kernel {kernel}: {File.Exists(kernel)}): run ./build.sh setup");
            return;
        }
        var output = Path.Combine(Root, "artifacts", "jupyter", "00-tour.ipynb");
        var psi = new ProcessStartInfo("/usr/bin/python3") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "tools/jupyter_run.py", "notebooks/00-tour.ipynb", output, "900" }) psi.ArgumentList.Add(a);
        foreach (var k in TricksKit.Kit.HostEnvironment.Keys) psi.Environment.Remove(k);   // tools/jupyter_run.py must set them for the kernel itself
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(1_000_000), "the Jupyter run did not finish in 1,000 s");
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {stdout.Result} {stderr.Result[^Math.Min(4000, stderr.Result.Length)..]}");
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var outputs = doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray()).ToArray();
        static string Text(JsonElement e) => e.ValueKind == JsonValueKind.Array ? string.Concat(e.EnumerateArray().Select(x => x.GetString())) : e.GetString() ?? "";
        var errors = outputs.Where(o => o.GetProperty("output_type").GetString() == "error").Select(o => o.GetRawText()).ToArray();
        Assert.True(errors.Length == 0, "cell errors: " + string.Join("\n", errors));
        var shown = outputs.Where(o => o.TryGetProperty("data", out _)).SelectMany(o => o.GetProperty("data").EnumerateObject().Select(p => Text(p.Value))).ToArray();
        var printed = string.Concat(outputs.Where(o => o.GetProperty("output_type").GetString() == "stream").Select(o => Text(o.GetProperty("text"))));
        Assert.Contains(shown, t => t.Contains("Tricks kit ready", StringComparison.Ordinal) && t.Contains(".NET 10.", StringComparison.Ordinal));
        Assert.DoesNotContain(shown, t => t.Contains("started without", StringComparison.Ordinal));         // the kernel had Kit.HostEnvironment
        Assert.Contains(shown, t => t.Contains("class=\"tricks-chart", StringComparison.Ordinal));          // a chart was displayed
        Assert.Contains("SGDR rates: 0.100", printed);                                                        // the F# cell ran
        Assert.DoesNotContain(shown, t => t.Contains("dotnet-interactive.js", StringComparison.Ordinal) || t.Contains("http://127.0.0.1", StringComparison.Ordinal));
    }
}
