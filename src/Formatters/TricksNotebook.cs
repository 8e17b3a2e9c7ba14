using System.Runtime.CompilerServices;

namespace TricksKit.Formatters;

/// <summary>The one call a notebook's set-up cell makes.</summary>
public static class TricksNotebook
{
    /// <summary>
    /// Makes Plotly.NET loadable in the notebook host (FSharp.Core redirect), loads libtorch and sets the thread
    /// count (<see cref="Kit.Init"/>: <paramref name="threads"/>, else <c>TRICKS_THREADS</c>, else 1) and the kernels
    /// (<c>TRICKS_KERNELS</c>, else pinned: <see cref="CpuKernels"/>), and registers the formatters. Returns a one-line
    /// summary to show.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static string Setup(int? threads = null)
    {
        FSharpCoreRedirect.Install();
        Kit.Init(threads ?? ExperimentSettings.ThreadsFromEnvironment(), ExperimentSettings.KernelsFromEnvironment());
        TricksFormatters.Register();
        var ready = $"Tricks kit ready: TorchSharp {typeof(TorchSharp.torch).Assembly.GetName().Version}, .NET {Environment.Version}, {Kit.Threads} thread(s), {CpuKernels.NameOf(Kit.Kernels)} kernels on {CpuKernels.Cpu}.";
        var missing = Kit.MissingHostEnvironment(Environment.GetEnvironmentVariable);
        return missing.Count == 0 ? ready
            : ready + $" This notebook host started without {string.Join(", ", missing.Select(k => $"{k}={Kit.HostEnvironment[k]}"))}: training here runs about half as fast (start VS Code or Jupyter with it set; Kit.HostEnvironment says why).";
    }
}
