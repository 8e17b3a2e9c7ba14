using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace Tricks.Bench;

/// <summary>
/// What pinning the kernels costs (<see cref="CpuKernels"/>): ms per training step of an MLP (784-256-256-10, batch 128:
/// MKL's matrix products) and a conv net (SmallCnn, batch 64: oneDNN's convolutions) with the native kernels, pinned
/// with MKL's <c>AVX2,STRICT</c> branch and pinned with <c>COMPATIBLE</c>. Each variant runs in a process of its own
/// (the libraries read their variables once, at load), the three one after another in each round, a warm-up round first;
/// medians of ms/step and of each round's ratio to native, measured in one run.
/// </summary>
internal static class KernelBench
{
    private static readonly (string Name, KernelDispatch Dispatch, string? Mkl)[] Variants =
    {
        ("native", KernelDispatch.Native, null),
        ("pinned, MKL_CBWR=AVX2,STRICT", KernelDispatch.Pinned, "AVX2,STRICT"),
        ("pinned, MKL_CBWR=COMPATIBLE", KernelDispatch.Pinned, "COMPATIBLE"),
    };

    public static object Run(int rounds)
    {
        var ms = Variants.ToDictionary(v => v.Name, _ => (Mlp: new List<double>(), Cnn: new List<double>(), MlpRatio: new List<double>(), CnnRatio: new List<double>()));
        var reports = new Dictionary<string, string>();
        for (int r = -1; r < rounds; r++)
        {
            (double Mlp, double Cnn) native = default;
            foreach (var v in Variants)
            {
                var (mlp, cnn, report) = Child(v.Dispatch, v.Mkl);
                reports[v.Name] = report;
                if (v.Dispatch == KernelDispatch.Native) native = (mlp, cnn);
                if (r < 0) continue;
                ms[v.Name].Mlp.Add(mlp);
                ms[v.Name].Cnn.Add(cnn);
                ms[v.Name].MlpRatio.Add(mlp / native.Mlp);
                ms[v.Name].CnnRatio.Add(cnn / native.Cnn);
            }
        }
        var rows = new List<Dictionary<string, object>>();
        foreach (var v in Variants)
        {
            var s = ms[v.Name];
            double mlp = BenchStats.Median(s.Mlp), cnn = BenchStats.Median(s.Cnn), mr = BenchStats.Median(s.MlpRatio), cr = BenchStats.Median(s.CnnRatio);
            Console.WriteLine($"kernels {v.Name,-30} MLP {mlp,7:F2} ms/step ({mr:F3}x native)  SmallCnn {cnn,7:F2} ms/step ({cr:F3}x native)  {reports[v.Name]}");
            rows.Add(new() { ["kernels"] = v.Name, ["mlp_ms_per_step"] = Math.Round(mlp, 3), ["mlp_vs_native"] = Math.Round(mr, 3),
                ["cnn_ms_per_step"] = Math.Round(cnn, 3), ["cnn_vs_native"] = Math.Round(cr, 3), ["report"] = reports[v.Name] });
        }
        return rows;
    }

    private static (double Mlp, double Cnn, string Report) Child(KernelDispatch dispatch, string? mkl)
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) is "dotnet") psi.ArgumentList.Add(typeof(KernelBench).Assembly.Location);
        psi.ArgumentList.Add("--kernel-step");
        psi.ArgumentList.Add(dispatch.ToString().ToLowerInvariant());
        foreach (var k in CpuKernels.Pinning.Keys) psi.Environment.Remove(k);
        if (mkl is not null) psi.Environment["MKL_CBWR"] = mkl;
        using var p = Process.Start(psi)!;
        var line = p.StandardOutput.ReadToEnd().Trim().Split('\n')[^1];
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException($"the kernel bench's child exited {p.ExitCode}: {line}");
        using var doc = JsonDocument.Parse(line);
        return (doc.RootElement.GetProperty("mlp").GetDouble(), doc.RootElement.GetProperty("cnn").GetDouble(), doc.RootElement.GetProperty("report").GetString()!);
    }

    /// <summary>The child: <c>--kernel-step pinned|native</c>; prints one JSON line with ms/step of each model and the kernels used.</summary>
    public static int Step(string mode)
    {
        Kit.Init(1, mode == "native" ? KernelDispatch.Native : KernelDispatch.Pinned);
        using var data = FashionMnist.Load(train: true, limit: 2048);
        using var flat = data.Flat();
        double Measure(Func<nn.Module<Tensor, Tensor>> build, Tensor x, int batch)
        {
            var times = new List<double>();
            for (int r = -1; r < 3; r++)
            {
                torch.manual_seed(0);
                using var net = build();
                var clock = Stopwatch.StartNew();
                RawLoop.Train(net, x, data.Labels, batch, 0, 0.05);
                if (r >= 0) times.Add(clock.Elapsed.TotalMilliseconds / Batches.Count(2048, batch));
            }
            return BenchStats.Median(times);
        }
        double mlp = Measure(() => Models.Mlp(new[] { 784, 256, 256, 10 }), flat, 128);
        double cnn = Measure(() => Models.SmallCnn(), data.Features, 64);
        var k = CpuKernels.Report();
        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["mlp"] = mlp, ["cnn"] = cnn, ["report"] = $"aten {k.Aten}, mkl {k.Mkl}, onednn {k.OneDnn}, {k.CpuVendor} {k.CpuModel}",
        }));
        return 0;
    }
}
