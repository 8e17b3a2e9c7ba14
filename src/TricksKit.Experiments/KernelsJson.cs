using System.Text.Json;

namespace TricksKit.Experiments;

/// <summary>
/// The machine, CPU and kernels a results JSON was computed with (<see cref="CpuKernels.Report"/>), in a file of its
/// own beside it, <c>NAME.cpu.json</c>: the results JSON stays byte-identical across machines when the kernels are
/// pinned, and this file says where it was made.
/// </summary>
public static class KernelsJson
{
    /// <summary>The sidecar of the results JSON at <paramref name="resultsPath"/>: <c>NAME.cpu.json</c> beside <c>NAME.json</c>.</summary>
    public static string PathOf(string resultsPath) => Path.ChangeExtension(resultsPath, ".cpu.json");

    /// <summary>Writes this process's <see cref="CpuKernels.Report"/> beside <paramref name="resultsPath"/>, whole or not at all; returns its path.</summary>
    public static string Write(string resultsPath)
    {
        var path = PathOf(resultsPath);
        AtomicFile.WriteAllText(path, ToJson(CpuKernels.Report()));
        return path;
    }

    /// <summary>The report as indented JSON, fields in a fixed order.</summary>
    public static string ToJson(KernelsInUse report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("machine", Execution.RunPlan.Machine());
            w.WriteString("cpuVendor", report.CpuVendor);
            w.WriteString("cpuModel", report.CpuModel);
            w.WriteString("cpuIsa", report.CpuIsa);
            w.WriteString("kernels", report.Dispatch);
            w.WriteString("aten", report.Aten);
            w.WriteString("mkl", report.Mkl);
            w.WriteString("onednn", report.OneDnn);
            w.WriteStartObject("environment");
            foreach (var (k, v) in report.Environment.OrderBy(e => e.Key, StringComparer.Ordinal)) w.WriteString(k, v);
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
