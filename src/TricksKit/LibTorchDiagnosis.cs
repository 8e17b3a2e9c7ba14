using System.Runtime.InteropServices;
using System.Text;

namespace TricksKit;

/// <summary>Turns a failure to load libtorch into a message that says what to install.</summary>
internal static class LibTorchDiagnosis
{
    private static readonly string[] LibStdCxxPaths =
    {
        "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib/aarch64-linux-gnu/libstdc++.so.6",
        "/usr/lib64/libstdc++.so.6", "/usr/lib/libstdc++.so.6",
    };

    public static string Explain(Exception e)
    {
        var sb = new StringBuilder("TorchSharp could not load libtorch (CPU). ");
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            var lib = LibStdCxxPaths.FirstOrDefault(File.Exists);
            if (lib is not null && !Contains(lib, "GLIBCXX_3.4.32"))
                sb.Append($"The system C++ runtime {lib} lacks GLIBCXX_3.4.32, which TorchSharp 0.107 needs (GCC 13 or newer). "
                        + "Fix: run ./build.sh setup (on Debian 12 it installs libstdc++6 from Debian 13 'trixie'), "
                        + "or use Ubuntu 24.04 / Debian 13. ");
            if (File.Exists("/usr/lib/x86_64-linux-gnu/libtorch.so") || File.Exists("/usr/lib/x86_64-linux-gnu/libtorch_cpu.so"))
                sb.Append("A system libtorch is installed (Debian's python3-torch/libtorch-dev); TorchSharp may load it by name "
                        + "and fail: remove those packages. ");
        }
        sb.Append("Also check that the TorchSharp-cpu package restored (dotnet restore). Original error: ").Append(e.Message);
        return sb.ToString();
    }

    private static bool Contains(string path, string marker)
    {
        try
        {
            var bytes = File.ReadAllBytes(path);
            return bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(marker)) >= 0;
        }
        catch (IOException) { return true; }
        catch (UnauthorizedAccessException) { return true; }
    }
}
