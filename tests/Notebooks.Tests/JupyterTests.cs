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
    private static readonly string Root = NotebookExecutor.FindRoot();

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
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        Assert.True(p.WaitForExit(1_000_000), "the Jupyter run did not finish in 1,000 s");
        Assert.True(p.ExitCode == 0, $"exit {p.ExitCode}: {stdout.Result} {stderr.Result[^Math.Min(4000, stderr.Result.Length)..]}");
        using var doc = JsonDocument.Parse(File.ReadAllText(output));
        var outputs = doc.RootElement.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("cell_type").GetString() == "code")
            .SelectMany(c => c.GetProperty("outputs").EnumerateArray()).Select(o => o.GetRawText()).ToArray();
        Assert.DoesNotContain(outputs, o => o.Contains("\"output_type\":\"error\"", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("Tricks kit ready", StringComparison.Ordinal) && o.Contains(".NET 10.", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("class=\\u0022tricks-chart", StringComparison.Ordinal) || o.Contains("class=\\\"tricks-chart", StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains("SGDR rates: 0.100", StringComparison.Ordinal));       // the F# cell ran
        Assert.DoesNotContain(outputs, o => o.Contains("dotnet-interactive.js", StringComparison.Ordinal) || o.Contains("http://127.0.0.1", StringComparison.Ordinal));
    }
}
