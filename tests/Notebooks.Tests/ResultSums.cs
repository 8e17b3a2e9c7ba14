using System.Security.Cryptography;

namespace Tricks.Notebooks.Tests;

/// <summary>
/// The committed SHA-256 sums of the main job's results JSON (<c>docs/results.sha256</c>, <c>sha256sum</c>'s format,
/// paths from the repository root: <c>sha256sum -c docs/results.sha256</c> checks a run). They hold for the pinned
/// kernels, quick mode and the CI seeds on any x86-64 CPU with AVX2; a commit that changes numbers changes them.
/// </summary>
internal static class ResultSums
{
    public static readonly string File = Path.Combine(Tricks.Lab.Repository.FindRoot(), "docs", "results.sha256");

    /// <summary>Results file name (<c>01-focal-loss.json</c>) to its committed sum.</summary>
    public static IReadOnlyDictionary<string, string> Committed() =>
        System.IO.File.ReadAllLines(File).Where(l => l.Length > 66)
            .ToDictionary(l => Path.GetFileName(l[66..].Trim()), l => l[..64], StringComparer.Ordinal);

    /// <summary>Why this process's runs cannot be held to the sums (another mode, seeds or kernels, a CPU without AVX2), or null when they must match.</summary>
    public static string? NotComparable()
    {
        foreach (var v in new[] { "TRICKS_MODE", "TRICKS_SEEDS", "TRICKS_THREADS" })
            if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(v))) return $"{v} is set";
        if (TricksKit.Experiments.ExperimentSettings.KernelsFromEnvironment() is TricksKit.KernelDispatch.Native) return "TRICKS_KERNELS=native";
        if (TricksKit.CpuKernels.Cpu.Isa is not ("avx2" or "avx512")) return $"this CPU has no AVX2 ({TricksKit.CpuKernels.Cpu})";
        return null;
    }

    public static string Of(string path) => Convert.ToHexStringLower(SHA256.HashData(System.IO.File.ReadAllBytes(path)));
}
