using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace TricksKit;

/// <summary>
/// The instruction set of libtorch's CPU kernels. Three libraries in libtorch each dispatch on the CPU they find: ATen's
/// vectorised kernels (DEFAULT, AVX2, AVX512), oneDNN's convolutions and MKL's matrix products, and each kernel rounds
/// in its own order, so PyTorch promises no reproducibility across CPUs. Each library reads one variable, once, when its
/// first kernel runs: <c>ATEN_CPU_CAPABILITY</c>, <c>ONEDNN_MAX_CPU_ISA</c> and <c>MKL_CBWR</c> (MKL's conditional
/// numerical reproducibility). <see cref="Pinning"/> caps ATen and oneDNN at AVX2 and puts MKL on its
/// <c>COMPATIBLE</c> branch. Measured here (docs/performance.md, "Kernels"): that gives the same bits on this AMD AVX2
/// CPU and, under emulation, on Intel Haswell and AMD EPYC CPUs. MKL honours any other branch (<c>AVX2</c>,
/// <c>AVX2,STRICT</c>) on Intel CPUs only and picks its own on AMD ones, so those leave Intel's matrix products rounding
/// differently from AMD's. <c>COMPATIBLE</c> is MKL's SSE2 code: an MLP's training step costs about 2.7 times the
/// native one here, a conv net's the same (oneDNN does its work). A CPU without AVX2 falls back below the cap and
/// differs.
/// <para>
/// On Linux, .NET's <see cref="System.Environment.SetEnvironmentVariable(string, string)"/> changes a managed copy of the
/// environment that native code never reads, so <see cref="Apply"/> also calls libc's <c>setenv</c>; child processes
/// (workers, notebook kernels) inherit both.
/// </para>
/// </summary>
public static class CpuKernels
{
    /// <summary>
    /// The pinned environment: ATen's capability <c>avx2</c>, oneDNN's ISA cap <c>AVX2</c>, MKL's branch
    /// <c>COMPATIBLE</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Pinning { get; } = new Dictionary<string, string>
    {
        ["ATEN_CPU_CAPABILITY"] = "avx2",
        ["ONEDNN_MAX_CPU_ISA"] = "AVX2",
        ["MKL_CBWR"] = "COMPATIBLE",
    };

    /// <summary>The name of <paramref name="dispatch"/> as the edges and the reports write it: <c>pinned</c>, <c>native</c> (the edges parse the same words).</summary>
    public static string NameOf(KernelDispatch dispatch) => dispatch == KernelDispatch.Pinned ? "pinned" : "native";

    /// <summary>The environment a process that trains with <paramref name="dispatch"/> should start with: <see cref="Pinning"/>, or nothing for <see cref="KernelDispatch.Native"/>.</summary>
    public static IReadOnlyDictionary<string, string> Environment(KernelDispatch dispatch) =>
        dispatch == KernelDispatch.Pinned ? Pinning : new Dictionary<string, string>();

    /// <summary>
    /// Puts <paramref name="dispatch"/> in this process's environment, managed and native, before libtorch loads:
    /// pinned sets each variable of <see cref="Pinning"/> that the environment lacks (a value the user set is kept);
    /// native removes each that holds the pinned value (inherited from a pinned parent). Called by <see cref="Kit.Init"/>.
    /// </summary>
    internal static void Apply(KernelDispatch dispatch)
    {
        foreach (var (name, value) in Pinning)
        {
            var current = System.Environment.GetEnvironmentVariable(name);
            if (dispatch == KernelDispatch.Pinned && string.IsNullOrEmpty(current)) Set(name, value);
            else if (dispatch == KernelDispatch.Native && current == value) Set(name, null);
        }
    }

    private static void Set(string name, string? value)
    {
        System.Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return; // Windows: the CRT reads the process environment
        if (value is null) _ = Unsetenv(name);
        else if (Setenv(name, value, 1) != 0) throw new InvalidOperationException($"setenv({name}) failed: errno {Marshal.GetLastPInvokeError()}.");
    }

    [DllImport("libc", EntryPoint = "setenv", SetLastError = true)]
    private static extern int Setenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    [DllImport("libc", EntryPoint = "unsetenv", SetLastError = true)]
    private static extern int Unsetenv([MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    /// <summary>This CPU as its CPUID names it (vendor, brand string, the widest vector extension); no libtorch needed. Under an emulator, the emulated CPU.</summary>
    public static CpuIdentity Cpu { get; } = CpuIdentity.Read();

    /// <summary>
    /// What the kernels of this process use, read from the libraries once libtorch is loaded (<see cref="Kit.Init"/>
    /// first): ATen's capability as ATen reports it, MKL's branch as MKL reports it, oneDNN's cap as set (oneDNN
    /// exports no query), beside the CPU and the variables in force.
    /// </summary>
    public static KernelsInUse Report()
    {
        Kit.Init();
        var env = Pinning.Keys.ToDictionary(k => k, k => System.Environment.GetEnvironmentVariable(k) ?? "");
        return new KernelsInUse(Cpu.Vendor, Cpu.Model, Cpu.Isa, NameOf(Kit.Kernels),
            NativeQueries.AtenCapability(), NativeQueries.MklBranch(), env["ONEDNN_MAX_CPU_ISA"] is { Length: > 0 } cap ? cap : "native", env);
    }
}

/// <summary>A CPU as CPUID names it: <paramref name="Vendor"/> (GenuineIntel, AuthenticAMD), <paramref name="Model"/> (the brand string), <paramref name="Isa"/> (avx512, avx2, avx or sse).</summary>
public sealed record CpuIdentity(string Vendor, string Model, string Isa)
{
    internal static CpuIdentity Read()
    {
        if (!X86Base.IsSupported) return new CpuIdentity("unknown", System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString(), "unknown");
        var (_, b, c, d) = X86Base.CpuId(0, 0);
        var vendor = Ascii(b, d, c);
        var brand = "";
        if ((uint)X86Base.CpuId(unchecked((int)0x80000000), 0).Eax >= 0x80000004)
            for (uint leaf = 0x80000002; leaf <= 0x80000004; leaf++)
            {
                var r = X86Base.CpuId(unchecked((int)leaf), 0);
                brand += Ascii(r.Eax, r.Ebx, r.Ecx, r.Edx);
            }
        var (_, _, c1, _) = X86Base.CpuId(1, 0);
        var (_, b7, _, _) = X86Base.CpuId(7, 0);
        bool avx = (c1 & (1 << 28)) != 0, avx2 = (b7 & (1 << 5)) != 0, avx512 = (b7 & (1 << 16)) != 0;
        return new CpuIdentity(vendor, brand.Trim('\0', ' '), avx512 ? "avx512" : avx2 ? "avx2" : avx ? "avx" : "sse");
    }

    private static string Ascii(params int[] registers) =>
        System.Text.Encoding.ASCII.GetString(MemoryMarshal.AsBytes(registers.AsSpan())).TrimEnd('\0');

    /// <inheritdoc/>
    public override string ToString() => $"{Vendor} {Model} ({Isa})";
}

/// <summary>
/// What one process's kernels used: the CPU (<paramref name="CpuVendor"/>, <paramref name="CpuModel"/>, its widest
/// vector extension <paramref name="CpuIsa"/>), <paramref name="Dispatch"/> (pinned or native), ATen's capability
/// (<paramref name="Aten"/>: DEFAULT, AVX2, AVX512), MKL's reproducibility branch (<paramref name="Mkl"/>), oneDNN's
/// ISA cap (<paramref name="OneDnn"/>), and the three variables as in force.
/// </summary>
public sealed record KernelsInUse(string CpuVendor, string CpuModel, string CpuIsa, string Dispatch, string Aten, string Mkl, string OneDnn,
    IReadOnlyDictionary<string, string> Environment);

/// <summary>The two libtorch queries: ATen's <c>at::get_cpu_capability()</c> and MKL's <c>mkl_cbwr_get</c>, both in <c>libtorch_cpu</c>.</summary>
internal static class NativeQueries
{
    private static IntPtr Library()
    {
        foreach (var name in new[] { "libtorch_cpu.so", "torch_cpu", "libtorch_cpu" })
            if (NativeLibrary.TryLoad(name, typeof(TorchSharp.torch).Assembly, null, out var h)) return h;
        return IntPtr.Zero;
    }

    /// <summary>
    /// ATen's dispatch level, "AVX2" for instance. <c>at::get_cpu_capability()</c> returns a <c>std::string</c> by value
    /// (libstdc++'s 32-byte layout: data pointer, length, then the inline buffer), which the x86-64 System V ABI passes
    /// as a hidden pointer to the caller's storage.
    /// </summary>
    internal static unsafe string AtenCapability()
    {
        var lib = Library();
        if (lib == IntPtr.Zero || !OperatingSystem.IsLinux() || !NativeLibrary.TryGetExport(lib, "_ZN2at18get_cpu_capabilityB5cxx11Ev", out var f)) return "unknown";
        var s = stackalloc byte[32];
        ((delegate* unmanaged<byte*, byte*>)f)(s);
        var data = *(byte**)s;
        var length = (int)*(ulong*)(s + 8);
        var text = System.Text.Encoding.ASCII.GetString(data, length);
        if (data != s + 16) NativeMemory.Free(data); // a heap string (over 15 characters): libstdc++ allocates with operator new, i.e. malloc
        return text;
    }

    /// <summary>MKL's branch (<c>mkl_cbwr_get(MKL_CBWR_ALL)</c>): AVX2, AVX2,STRICT, COMPATIBLE, ...; "auto: AVX512" and the like when unset.</summary>
    internal static unsafe string MklBranch()
    {
        var lib = Library();
        if (lib == IntPtr.Zero || !NativeLibrary.TryGetExport(lib, "mkl_serv_cbwr_get", out var get)) return "unknown";
        int all = ((delegate* unmanaged<int, int>)get)(~0);
        const int Strict = 0x10000;
        var branch = Name(all & ~Strict) + ((all & Strict) != 0 ? ",STRICT" : "");
        if ((all & ~Strict) is 0 or 1 && NativeLibrary.TryGetExport(lib, "mkl_serv_cbwr_get_auto_branch", out var auto))
            return "auto: " + Name(((delegate* unmanaged<int>)auto)());
        return branch;
    }

    // mkl_service.h's MKL_CBWR_* branch codes.
    private static string Name(int code) => code switch
    {
        0 => "OFF", 1 => "BRANCH_OFF", 2 => "AUTO", 3 => "COMPATIBLE", 4 => "SSE2", 6 => "SSSE3", 7 => "SSE4_1", 8 => "SSE4_2",
        9 => "AVX", 10 => "AVX2", 11 => "AVX512_MIC", 12 => "AVX512", 13 => "AVX512_MIC_E1", 14 => "AVX512_E1",
        _ => $"code {code}",
    };
}
