using System.Diagnostics;
using TorchSharp;
using TricksKit;
using TricksKit.Data;
using static TorchSharp.torch;

namespace Tricks.Bench;

/// <summary>
/// The cost of zero-filling every glibc block (the kit's <c>mallopt(M_PERTURB, 0xFF)</c>, commit 9297d6e: fresh blocks
/// are filled with 0, freed ones with 0xFF, so oneDNN's read of uninitialised padding meets zeros, not NaN). Both loops
/// train the same conv net (SmallCnn, width 16: channels that are multiples of 16, so it is safe without the setting)
/// on the same batches and evaluate it on the training images; "off" sets M_PERTURB back to 0 for its round. Alternating
/// rounds after a warm-up, medians of ms/step, measured in one run. glibc only; elsewhere it reports "not glibc".
/// </summary>
internal static class HeapBench
{
    public static object Run(LabeledData train, int rounds)
    {
        if (!OperatingSystem.IsLinux()) return "not glibc";
        const int batch = 64;
        var batches = Batches.Shuffled(train.Count, batch, seed: 0);
        var on = new List<double>();
        var off = new List<double>();
        var ratio = new List<double>();
        try
        {
            for (int r = -1; r < rounds; r++)
            {
                double msOn = 0, msOff = 0;
                foreach (bool zeroFill in new[] { true, false })
                {
                    if (!NativeHeap.ZeroFill(zeroFill)) return "not glibc";
                    torch.manual_seed(0);
                    using var model = Models.SmallCnn();
                    using var sgd = Optimizers.Sgd(model.parameters(), 0.05, momentum: 0.9);
                    using var loss = nn.CrossEntropyLoss();
                    var clock = Stopwatch.StartNew();
                    foreach (var b in batches)
                    {
                        using var scope = NewDisposeScope();
                        var index = tensor(b);
                        sgd.zero_grad();
                        var l = loss.call(model.call(train.Features.index_select(0, index)), train.Labels.index_select(0, index));
                        l.backward();
                        sgd.step();
                        _ = l.item<float>();
                    }
                    using (no_grad())
                    using (NewDisposeScope())
                        _ = model.call(train.Features).argmax(1).sum().item<long>();   // one 1,920-image evaluation: large blocks
                    double ms = clock.Elapsed.TotalMilliseconds / batches.Count;
                    if (zeroFill) msOn = ms; else msOff = ms;
                }
                if (r < 0) continue;
                on.Add(msOn);
                off.Add(msOff);
                ratio.Add(msOn / msOff);   // back to back, so a slow patch of the machine hits both
            }
        }
        finally
        {
            NativeHeap.ZeroFill(true);   // the kit's setting, restored after the rounds
        }
        double mOn = BenchStats.Median(on), mOff = BenchStats.Median(off), mRatio = BenchStats.Median(ratio);
        Console.WriteLine($"heap zero-fill  SmallCnn step, batch {batch}, 1,920 images + one evaluation: zero-filled {mOn:F3} ms/step, not {mOff:F3} ms/step, ratio {mRatio:F3}");
        return new Dictionary<string, object>
        {
            ["model"] = "SmallCnn width 16, batch 64, 1,920 Fashion-MNIST images, then one evaluation of them, 1 thread",
            ["zero_filled_ms_per_step"] = Math.Round(mOn, 3),
            ["not_zero_filled_ms_per_step"] = Math.Round(mOff, 3),
            ["ratio"] = Math.Round(mRatio, 3),
        };
    }
}
