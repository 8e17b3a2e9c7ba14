using System.Diagnostics;
using Tricks.NotebookRunner;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>The runner's peak-RSS column counts the whole process tree: the host and everything it starts.</summary>
public class ProcessTreeMemoryTests
{
    [Fact]
    public void The_tree_total_includes_a_child_process()
    {
        if (!Directory.Exists("/proc") || !File.Exists("/usr/bin/python3")) return;   // Linux with python3 (set-up installs it with python3-nbclient)
        long self = ProcessTreeMemory.TreeKb(Environment.ProcessId);
        Assert.True(self > 10_000, $"this test process holds {self} kB?");
        // A child that holds 200 MB resident.
        using var child = Process.Start(new ProcessStartInfo("/usr/bin/python3", "-c \"import time; b = bytearray(200 * 1024 * 1024); time.sleep(30)\"") { UseShellExecute = false })!;
        try
        {
            long with = 0;
            for (int i = 0; i < 100 && with < self + 150_000; i++) { Thread.Sleep(100); with = ProcessTreeMemory.TreeKb(Environment.ProcessId); }
            Assert.True(with >= self + 150_000, $"tree {with} kB, this process alone {self} kB: the child's 200 MB are missing");
            Assert.True(ProcessTreeMemory.TreeKb(child.Id) >= 150_000);
        }
        finally { child.Kill(); child.WaitForExit(); }
    }
}
