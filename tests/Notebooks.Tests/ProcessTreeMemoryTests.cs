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
            // Other children of this test process (notebook hosts of tests running beside this one) come and go, so
            // compare with the child's own size, measured first, not with an earlier total.
            long childKb = 0;
            for (int i = 0; i < 100 && childKb < 150_000; i++) { Thread.Sleep(100); childKb = ProcessTreeMemory.TreeKb(child.Id); }
            Assert.True(childKb >= 150_000, $"the child holds {childKb} kB, expected 200 MB");
            long tree = ProcessTreeMemory.TreeKb(Environment.ProcessId);
            Assert.True(tree >= childKb + 10_000, $"tree {tree} kB, the child alone {childKb} kB: the child is not counted in its parent's tree");
        }
        finally { child.Kill(); child.WaitForExit(); }
    }
}
