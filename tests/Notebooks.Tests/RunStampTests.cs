using Tricks.NotebookRunner;
using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>What a run depended on: the kit's build counts, TorchSharp's own copies of it do not.</summary>
public class RunStampTests
{
    [Fact]
    public void The_native_libraries_TorchSharp_copies_into_cpu_on_first_load_do_not_change_the_inputs()
    {
        var root = Directory.CreateTempSubdirectory("tricks-stamp-").FullName;
        try
        {
            var kit = Directory.CreateDirectory(Path.Combine(root, "artifacts", "kit")).FullName;
            File.WriteAllText(Path.Combine(kit, "TricksKit.dll"), "assembly");
            Directory.CreateDirectory(Path.Combine(kit, "runtimes", "linux-x64", "native"));
            File.WriteAllText(Path.Combine(kit, "runtimes", "linux-x64", "native", "libtorch.so"), "native");
            var before = RunStamp.Inputs(root, Array.Empty<string>(), new Dictionary<string, string>());

            Directory.CreateDirectory(Path.Combine(kit, "cpu"));
            File.WriteAllText(Path.Combine(kit, "cpu", "libtorch.so"), "native");            // what LoadNativeBackend does
            Directory.CreateDirectory(Path.Combine(kit, "cuda-12.8"));
            File.WriteAllText(Path.Combine(kit, "cuda-12.8", "libtorch.so"), "native");
            Assert.Equal(before, RunStamp.Inputs(root, Array.Empty<string>(), new Dictionary<string, string>()));

            File.WriteAllText(Path.Combine(kit, "TricksKit.dll"), "rebuilt");                   // a rebuild still counts
            Assert.NotEqual(before, RunStamp.Inputs(root, Array.Empty<string>(), new Dictionary<string, string>()));
        }
        finally { Directory.Delete(root, true); }
    }

    [Theory]
    [InlineData("cpu/libtorch.so", true)]
    [InlineData("cuda-12.8/libtorch_cuda.so", true)]
    [InlineData("runtimes/linux-x64/native/libtorch.so", false)]
    [InlineData("cpu.dll", false)]
    [InlineData("cuda-notes.txt", false)]
    public void Only_files_under_cpu_or_cuda_folders_are_consolidated_copies(string relative, bool copy) =>
        Assert.Equal(copy, RunStamp.IsConsolidatedCopy(relative.Replace('/', Path.DirectorySeparatorChar)));
}
