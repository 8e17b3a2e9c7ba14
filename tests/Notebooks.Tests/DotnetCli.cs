using System.Diagnostics;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>Runs the <c>dotnet</c> command line as a test step (the script twins, packing, a packaged app).</summary>
internal static class DotnetCli
{
    /// <summary>Runs <c>dotnet</c> with <paramref name="args"/> in <paramref name="workingDirectory"/>; asserts it exits 0 within <paramref name="limit"/>; returns its output.</summary>
    public static string Run(string workingDirectory, TimeSpan limit, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["DOTNET_NOLOGO"] = "1";
        psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet {string.Join(" ", args)} did not finish in {limit}");
        }
        Assert.True(p.ExitCode == 0, $"dotnet {string.Join(" ", args)}: exit {p.ExitCode}: {stdout.Result[^Math.Min(3000, stdout.Result.Length)..]} {stderr.Result}");
        return stdout.Result;
    }
}
