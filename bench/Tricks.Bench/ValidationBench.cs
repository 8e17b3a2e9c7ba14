using System.Diagnostics;
using TorchSharp;
using TricksKit;
using TricksKit.Data;
using static TorchSharp.torch;

namespace Tricks.Bench;

/// <summary>
/// The cost of checking class targets at every step. Before commit d9211e3 each call of a kit loss read the targets'
/// minimum and maximum back to the host (two reductions, two syncs); now <see cref="LabeledData"/> checks them once
/// per data set and the loss leaves out-of-range values to libtorch's own bounds check. Both loops below train the
/// same MLP with the focal loss on the same batches; "before" adds exactly the old per-step check. Alternating
/// rounds after a warm-up, medians of ms/step, measured in one run.
/// </summary>
internal static class ValidationBench
{
    public static Dictionary<string, object> Run(LabeledData train, int rounds)
    {
        const int batch = 128;
        using var x = train.Flat();
        var batches = Batches.Shuffled(train.Count, batch, seed: 0);
        var before = new List<double>();
        var after = new List<double>();
        for (int r = -1; r < rounds; r++)
            foreach (bool perStep in new[] { true, false })
            {
                torch.manual_seed(0);
                using var model = Models.Mlp(new[] { 784, 256, 256, 10 });
                using var loss = Losses.Focal(2.0);
                using var sgd = Optimizers.Sgd(model.parameters(), 0.05);
                var clock = Stopwatch.StartNew();
                foreach (var b in batches)
                {
                    using var scope = NewDisposeScope();
                    var index = tensor(b);
                    var y = train.Labels.index_select(0, index);
                    if (perStep && (y.min().item<long>() < 0 || y.max().item<long>() >= 10)) throw new InvalidOperationException("bad target");
                    sgd.zero_grad();
                    var l = loss.call(model.call(x.index_select(0, index)), y);
                    l.backward();
                    sgd.step();
                    _ = l.item<float>();
                }
                double ms = clock.Elapsed.TotalMilliseconds / batches.Count;
                if (r >= 0) (perStep ? before : after).Add(ms);
            }
        double mb = BenchStats.Median(before), ma = BenchStats.Median(after);
        Console.WriteLine($"target check  focal-loss MLP step, batch {batch}: per step {mb:F3} ms/step, once per data set {ma:F3} ms/step, ratio {mb / ma:F3}");
        return new()
        {
            ["model"] = "MLP 784-256-256-10, focal loss, batch 128, 1 thread",
            ["per_step_check_ms_per_step"] = Math.Round(mb, 3),
            ["once_per_data_set_ms_per_step"] = Math.Round(ma, 3),
            ["ratio"] = Math.Round(mb / ma, 3),
        };
    }
}
