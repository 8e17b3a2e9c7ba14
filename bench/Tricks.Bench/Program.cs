using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Tricks.Bench;
using TorchSharp;
using TricksKit;
using TricksKit.Data;
using static TorchSharp.torch;

// Side-by-side benchmark, one run: the kit's training loop against a hand-written TorchSharp loop on the same model,
// data and optimizer (TorchSharp's SGD in both, so the ratio is the loop's own cost), with 1 and 2 libtorch threads (the
// kit's default is 1, fixed, for reproducibility), on a quiet machine and with a second busy process.
// Each configuration is measured in alternating rounds after a warm-up round; the medians of ms/step and of the
// per-round kit/raw ratio (measured back to back) are kept. Writes artifacts/bench/bench.json.
// Then (sections chosen with --loops, --kernels, --validation, --heap, --experiments, --startup; default all): the native
// kernels against the pinned ones; a training step with the class targets checked at every step against once per data
// set; a conv net with the heap zero-filled and not; the ten notebooks' experiments with one lane against one per core,
// and the notebook host's start-up.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
if (args is ["--kernel-step", var kernelMode]) return KernelBench.Step(kernelMode);   // the kernels section's child process
var flags = args.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToHashSet();
bool All(string f) => flags.Count == 0 || flags.Contains(f);
int rounds = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) is { } n ? int.Parse(n) : 5;
Kit.Init();
var rows = new List<Dictionary<string, object>>();
if (All("--loops")) {
var train = FashionMnist.Load(train: true, limit: 8192);
var models = new (string Name, Func<nn.Module<Tensor, Tensor>> Build, int Batch, int Samples, bool Flatten)[]
{
    ("MLP 784-256-256-10, batch 128", () => Models.Mlp(new[] { 784, 256, 256, 10 }), 128, 8192, true),
    ("CNN (SmallCnn), batch 64", () => Models.SmallCnn(), 64, 1920, false),
};
foreach (var condition in new[] { "quiet", "one busy process" })
{
    using var busy = condition == "quiet" ? null : BusyProcess.Start();
    Thread.Sleep(300);
    foreach (var m in models)
    {
        using var data = train.Take(m.Samples);
        var x = m.Flatten ? data.Flat() : data.Features;
        int steps = Batches.Count(m.Samples, m.Batch);
        var configs = new List<(int Threads, string Label)> { (1, "1 (default)"), (2, "2") };
        var samples = configs.ToDictionary(c => c.Label, _ => (Kit: new List<double>(), Raw: new List<double>(), Ratio: new List<double>()));
        for (int r = -1; r < rounds; r++) // round -1 warms up and is not kept
            foreach (var (threads, label) in configs)
            {
                torch.set_num_threads(threads);
                double raw = Time(() => { torch.manual_seed(0); using var net = m.Build(); RawLoop.Train(net, x, data.Labels, m.Batch, 0, 0.05); }) / steps;
                double kit = Time(() =>
                {
                    torch.manual_seed(0);
                    using var net = m.Build();
                    Trainer.Fit(net, data, data, new TrainingOptions { Epochs = 1, BatchSize = m.Batch, Seed = 0, Evaluate = false, Optimizer = (ps, lr) => optim.SGD(ps, lr) }, flatten: m.Flatten);
                }) / steps;
                if (r < 0) continue;
                samples[label].Raw.Add(raw);
                samples[label].Kit.Add(kit);
                samples[label].Ratio.Add(kit / raw); // back to back, so a slow patch of the machine hits both
            }
        double best = configs.Min(c => BenchStats.Median(samples[c.Label].Kit));
        foreach (var (threads, label) in configs)
        {
            double kit = BenchStats.Median(samples[label].Kit), raw = BenchStats.Median(samples[label].Raw), overhead = BenchStats.Median(samples[label].Ratio);
            rows.Add(new()
            {
                ["condition"] = condition, ["model"] = m.Name, ["threads"] = label,
                ["kit_ms_per_step"] = Math.Round(kit, 3), ["raw_ms_per_step"] = Math.Round(raw, 3),
                ["overhead_ratio"] = Math.Round(overhead, 3), ["vs_best_fixed_threads"] = Math.Round(kit / best, 3),
            });
            Console.WriteLine($"{condition,-17} {m.Name,-30} threads {label,-12} kit {kit,8:F2} ms/step  raw {raw,8:F2} ms/step  overhead {overhead,5:F3}  vs best fixed {kit / best,5:F2}");
        }
        if (m.Flatten) x.Dispose();
    }
}
}
var root = Tricks.Lab.Repository.TryFindRoot() ?? Directory.GetCurrentDirectory();
var kernels = All("--kernels") ? KernelBench.Run(rounds) : null;
Dictionary<string, object>? validation = null;
if (All("--validation"))
{
    torch.set_num_threads(1);
    using var data = FashionMnist.Load(train: true, limit: 8192);
    validation = ValidationBench.Run(data, rounds);
}
object? heap = null;
if (All("--heap"))
{
    torch.set_num_threads(1);
    using var data = FashionMnist.Load(train: true, limit: 1920);
    heap = HeapBench.Run(data, rounds);
}
var experiments = All("--experiments") ? ExperimentsBench.Run() : null;
var startup = All("--startup") ? StartupBench.Run(root) : null;
var outDir = Path.Combine(root, "artifacts", "bench");
Directory.CreateDirectory(outDir);
var json = JsonSerializer.Serialize(new Dictionary<string, object>
{
    ["rounds"] = rounds, ["default_threads"] = ThreadPolicy.Default, ["cores"] = Environment.ProcessorCount,
    ["environment"] = RunPlan.Environment(), ["scenarios"] = rows, ["kernels"] = (object?)kernels ?? "not run",
    ["target_check"] = (object?)validation ?? "not run", ["heap_zero_fill"] = heap ?? "not run",
    ["experiments"] = (object?)experiments ?? "not run", ["host_startup"] = (object?)startup ?? "not run",
}, new JsonSerializerOptions { WriteIndented = true });
File.WriteAllText(Path.Combine(outDir, "bench.json"), json);
Console.WriteLine($"wrote {Path.GetRelativePath(root, Path.Combine(outDir, "bench.json"))}");
return 0;

static double Time(Action a)
{
    var sw = Stopwatch.StartNew();
    a();
    return sw.Elapsed.TotalMilliseconds;
}
