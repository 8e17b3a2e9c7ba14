using System.Diagnostics;

namespace Tricks.Bench;

/// <summary>A second process that keeps one core busy (a shell spin loop) until disposed.</summary>
internal sealed class BusyProcess : IDisposable
{
    private readonly Process process;

    private BusyProcess(Process p) => process = p;

    public static BusyProcess Start()
    {
        var psi = new ProcessStartInfo("sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("while :; do :; done");
        return new BusyProcess(Process.Start(psi) ?? throw new InvalidOperationException("could not start the busy process"));
    }

    public void Dispose()
    {
        try { process.Kill(entireProcessTree: true); process.WaitForExit(); } catch (InvalidOperationException) { }
        process.Dispose();
    }
}
