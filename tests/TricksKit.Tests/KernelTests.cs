using System.Diagnostics;

namespace TricksKit.Tests;

/// <summary>
/// The pinned kernels (<see cref="CpuKernels"/>): the same bits on CPUs of other kinds, emulated by qemu-user (Intel
/// Haswell: AVX2, no AVX-512; AMD EPYC), and this process's kernels as pinned. The probe (tests/KernelProbe) trains a
/// small conv net and MLP for 12 steps and prints the SHA-256 of its losses and weights.
/// </summary>
public class KernelTests
{
    private static readonly string Qemu = "/usr/bin/qemu-x86_64";

    private static string Probe()
    {
        // tests/TricksKit.Tests/bin/CONFIG/net10.0/ -> tests/KernelProbe/bin/CONFIG/net10.0/KernelProbe.dll
        var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var config = here.Parent!.Name;
        var dll = Path.Combine(Repository.FindRoot(), "tests", "KernelProbe", "bin", config, here.Name, "KernelProbe.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: build the solution (./build.sh setup).");
        return dll;
    }

    private static (string Hash, string Line) Run(string? cpu, string kernels)
    {
        var dotnet = Path.GetFullPath(Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p : "/usr/bin/dotnet");
        dotnet = new FileInfo(dotnet).ResolveLinkTarget(true)?.FullName ?? dotnet;
        var psi = new ProcessStartInfo(cpu is null ? dotnet : Qemu) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (cpu is not null) { psi.ArgumentList.Add("-cpu"); psi.ArgumentList.Add(cpu); psi.ArgumentList.Add(dotnet); }
        psi.ArgumentList.Add(Probe());
        psi.ArgumentList.Add(kernels);
        foreach (var k in CpuKernels.Pinning.Keys) psi.Environment.Remove(k);   // as a fresh shell has it: the probe pins itself
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5))) { process.Kill(true); Assert.Fail($"the probe on {cpu ?? "this CPU"} did not finish in 5 minutes"); }
        var line = stdout.Result.Trim();
        Assert.True(process.ExitCode == 0, $"the probe on {cpu ?? "this CPU"} ({kernels}) exited {process.ExitCode}: {line} {stderr.Result}");
        return (line.Split(' ')[0], line);
    }

    [Fact]
    public void Pinned_kernels_give_the_same_bits_on_this_CPU_and_on_emulated_Intel_and_AMD_CPUs()
    {
        Assert.True(File.Exists(Qemu), $"{Qemu} is missing: ./build.sh setup installs Debian's qemu-user.");
        var here = Run(null, "pinned");
        var intel = Task.Run(() => Run("Haswell", "pinned"));
        var amd = Task.Run(() => Run("EPYC", "pinned"));
        Assert.Contains("cpu=GenuineIntel/avx2", intel.Result.Line);
        Assert.Contains("cpu=AuthenticAMD/avx2", amd.Result.Line);
        foreach (var (name, run) in new[] { ("Intel Haswell", intel.Result), ("AMD EPYC", amd.Result) })
        {
            Assert.Contains("aten=AVX2 mkl=COMPATIBLE onednn=AVX2", run.Line);
            Assert.True(here.Hash == run.Hash, $"pinned kernels differ on {name}: {run.Line}, against this CPU's {here.Line}");
        }
    }

    [Fact]
    public void Native_kernels_round_differently_on_emulated_Intel_and_AMD_CPUs()
    {
        // Without the pinning MKL takes its Intel AVX2 branch on Haswell and its own on AMD: the same 12 steps end in
        // other bits. This is what the pinning removes (the test above).
        Assert.True(File.Exists(Qemu), $"{Qemu} is missing: ./build.sh setup installs Debian's qemu-user.");
        var intel = Task.Run(() => Run("Haswell", "native"));
        var amd = Task.Run(() => Run("EPYC", "native"));
        Assert.Contains("kernels=native", intel.Result.Line);
        Assert.NotEqual(intel.Result.Hash, amd.Result.Hash);
    }

    [Fact]
    public void This_process_runs_the_pinned_kernels_and_reports_them()
    {
        Kit.Init();
        Assert.Equal(KernelDispatch.Pinned, Kit.Kernels);
        var report = CpuKernels.Report();
        Assert.Equal("pinned", report.Dispatch);
        Assert.Equal("COMPATIBLE", report.Mkl);
        Assert.Equal("AVX2", report.OneDnn);
        if (CpuKernels.Cpu.Isa is "avx2" or "avx512") Assert.Equal("AVX2", report.Aten);
        Assert.Equal(CpuKernels.Pinning, report.Environment);
        Assert.False(string.IsNullOrWhiteSpace(report.CpuVendor));
        var ex = Assert.Throws<InvalidOperationException>(() => Kit.Init(kernels: KernelDispatch.Native));
        Assert.Contains("kernels", ex.Message);
        Kit.Init(kernels: KernelDispatch.Pinned);   // naming the one in force is fine
    }

    [Theory]
    [InlineData("pinned", KernelDispatch.Pinned)]
    [InlineData(" Native ", KernelDispatch.Native)]
    public void TRICKS_KERNELS_is_parsed(string text, KernelDispatch expected) =>
        Assert.Equal(expected, ExperimentSettings.KernelsFromEnvironment(k => k == "TRICKS_KERNELS" ? text : null));

    [Fact]
    public void A_bad_TRICKS_KERNELS_is_refused_naming_the_variable_and_the_values()
    {
        var ex = Assert.Throws<ArgumentException>(() => ExperimentSettings.KernelsFromEnvironment(k => k == "TRICKS_KERNELS" ? "avx2" : null));
        Assert.Equal("TRICKS_KERNELS", ex.ParamName);
        Assert.Contains("'pinned'", ex.Message);
        Assert.Contains("'native'", ex.Message);
        Assert.Null(ExperimentSettings.KernelsFromEnvironment(_ => null));
        Assert.Throws<ArgumentOutOfRangeException>(() => Kit.Init(kernels: (KernelDispatch)7));
    }

    [Fact]
    public void The_results_JSON_has_the_kernels_beside_it_in_a_file_of_its_own()
    {
        var dir = Directory.CreateTempSubdirectory("kernels-json").FullName;
        try
        {
            var result = new ExperimentResult("kernels-demo", "quick", new[] { 0 }, 0, Array.Empty<ArmResult>(), Array.Empty<Claim>(), new Dictionary<string, string>());
            var path = ResultsJson.Write(result, directory: dir);
            var sidecar = KernelsJson.PathOf(path);
            Assert.Equal(Path.Combine(dir, "kernels-demo.cpu.json"), sidecar);
            using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(sidecar));
            Assert.Equal("pinned", doc.RootElement.GetProperty("kernels").GetString());
            Assert.Equal(CpuKernels.Cpu.Model, doc.RootElement.GetProperty("cpuModel").GetString());
            Assert.Equal("COMPATIBLE", doc.RootElement.GetProperty("environment").GetProperty("MKL_CBWR").GetString());
            Assert.DoesNotContain("cpu", File.ReadAllText(path), StringComparison.OrdinalIgnoreCase);   // the results JSON itself names no CPU
        }
        finally { Directory.Delete(dir, true); }
    }
}
