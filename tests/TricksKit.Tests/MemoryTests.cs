using TricksKit.Data;

namespace TricksKit.Tests;

/// <summary>Every tensor of a training step is disposed: the process's resident memory stays flat across epochs.</summary>
public class MemoryTests
{
    private static double ResidentMb()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    [Fact]
    public void Resident_memory_stays_flat_across_the_epochs_of_a_notebook_scale_run()
    {
        if (!File.Exists("/proc/self/status")) return;   // Linux only: that is where CI runs
        Kit.Init(1);
        // The flooding notebook's set-up: MLP 784-256-256-10, 2,000 images, batch 64, Adam, evaluation every epoch.
        var train = FashionMnist.Load(train: true, limit: 2000);
        var test = FashionMnist.Load(train: false, limit: 1000);
        TorchSharp.torch.manual_seed(0);
        using var model = Models.Mlp(new[] { 784, 256, 256, 10 });
        var rss = new List<double>();
        Trainer.Fit(model, train, test, new TrainingOptions
        {
            Epochs = 12, BatchSize = 64, Evaluate = true, Optimizer = (ps, lr) => Optimizers.Adam(ps, lr), Schedule = Schedules.Constant(1e-3),
            Loss = Losses.Flooded(TorchSharp.torch.nn.CrossEntropyLoss(), 0.1),
            Callbacks = new TrainingCallback[] { new EveryEpoch(_ => rss.Add(ResidentMb())) },
        });
        Assert.Equal(12, rss.Count);
        double growth = (rss[^1] - rss[1]) / rss[1];
        Assert.True(growth < 0.05, $"resident memory grew {growth:P1} from epoch 2 to 12: {string.Join(", ", rss.Select(r => r.ToString("F0")))} MB");
    }
}
