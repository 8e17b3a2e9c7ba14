using System.Diagnostics;
using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

public class TrainingTests
{
    private static LabeledData Synthetic(int n, int seed) => TestData.Separable(n, seed);

    private static TrainingHistory Train(int threads, int seed = 3, int epochs = 3)
    {
        Kit.Init(threads);
        using var data = Synthetic(512, 1);
        torch.manual_seed(seed);
        using var model = Models.Mlp(new[] { 20, 64, 64, 3 }, dropout: 0.2);
        return Trainer.Fit(model, data, data, new TrainingOptions { Epochs = epochs, BatchSize = 32, Seed = seed, Schedule = Schedules.CosineWarmRestarts(0.2, 0.0, 16) });
    }

    [Fact]
    public void Same_seed_gives_a_bit_identical_history_and_another_seed_does_not()
    {
        var a = Train(1);
        var b = Train(1);
        Assert.Equal(a.StepLoss, b.StepLoss);
        Assert.Equal(a.Epochs.Select(e => e.TestAccuracy), b.Epochs.Select(e => e.TestAccuracy));
        Assert.NotEqual(a.StepLoss, Train(1, seed: 4).StepLoss);
    }

    [Fact]
    public void The_learning_rate_actually_used_is_recorded_every_step()
    {
        var h = Train(1, epochs: 1);
        var s = Schedules.CosineWarmRestarts(0.2, 0.0, 16);
        Assert.Equal(16, h.StepLr.Count);
        Assert.Equal(s.Take(16), h.StepLr);
    }

    [Fact]
    public void The_divergence_guard_stops_the_run_naming_it_and_the_step()
    {
        Kit.Init(1);
        using var data = Synthetic(256, 2);
        torch.manual_seed(0);
        using var model = Models.Mlp(new[] { 20, 64, 3 });
        var ex = Assert.Throws<TrainingDivergedException>(() => Trainer.Fit(model, data, data,
            new TrainingOptions { Epochs = 5, Schedule = Schedules.Constant(1e6), Name = "arm huge-lr, seed 0", DivergenceBound = 100 }));
        Assert.Contains("arm huge-lr, seed 0", ex.Message);
        Assert.Contains($"step {ex.Step}", ex.Message);
        Assert.True(ex.Step < 40, $"stopped only at step {ex.Step}");
    }

    [Fact]
    public void Memory_stays_flat_across_20_epochs()
    {
        Kit.Init(1);
        using var data = Synthetic(2048, 5);
        torch.manual_seed(0);
        using var model = Models.Mlp(new[] { 20, 256, 256, 3 }, norm: Norm.BatchNorm, dropout: 0.1);
        long after2 = 0;
        var progress = new Relay<TrainingProgress>(p =>
        {
            if (p.LastEpoch is { Epoch: 2 } && after2 == 0 && p.Step == p.LastEpoch.Step) after2 = Rss();
        });
        Trainer.Fit(model, data, data, new TrainingOptions { Epochs = 20, BatchSize = 64 }, progress);
        long after20 = Rss();
        Assert.True(after2 > 0);
        double growth = (after20 - after2) / (double)after2;
        Assert.True(growth < 0.05, $"RSS grew {growth:P1} from epoch 2 ({after2 >> 20} MiB) to 20 ({after20 >> 20} MiB)");
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "malloc_trim")]
    private static extern int MallocTrim(UIntPtr pad);

    /// <summary>Resident memory of live allocations: collect, then hand freed heap pages back (glibc) so the allocator's cache does not count.</summary>
    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        if (OperatingSystem.IsLinux()) MallocTrim(UIntPtr.Zero);
        using var p = Process.GetCurrentProcess();
        p.Refresh();
        return p.WorkingSet64;
    }

    [Fact]
    public void Early_stop_ends_the_run_after_the_epoch_that_asks()
    {
        Kit.Init(1);
        using var data = Synthetic(256, 4);
        torch.manual_seed(0);
        using var model = Models.Mlp(new[] { 20, 32, 3 });
        var h = Trainer.Fit(model, data, data, new TrainingOptions { Epochs = 50, BatchSize = 32, Schedule = Schedules.Constant(0.1), Callbacks = new TrainingCallback[] { new StopWhen(e => e.TrainAccuracy > 0.9) } });
        Assert.True(h.Epochs.Count < 50);
        Assert.True(h.Final.TrainAccuracy > 0.9);
        Assert.True(h.Epochs.Take(h.Epochs.Count - 1).All(e => e.TrainAccuracy <= 0.9));
    }

    [Fact]
    public void Seeded_batches_repeat_and_cover_every_sample()
    {
        var a = Batches.Shuffled(103, 10, seed: 7, epoch: 2);
        Assert.Equal(a.SelectMany(b => b), Batches.Shuffled(103, 10, 7, 2).SelectMany(b => b));
        Assert.NotEqual(a.SelectMany(b => b), Batches.Shuffled(103, 10, 7, 3).SelectMany(b => b));
        Assert.Equal(Enumerable.Range(0, 103).Select(i => (long)i), a.SelectMany(b => b).OrderBy(i => i));
        Assert.Equal(11, a.Count);
        Assert.Equal(3, a[^1].Length);
    }
}

public class OptimizerTests
{
    private static float[] Train(Func<IEnumerable<TorchSharp.Modules.Parameter>, optim.Optimizer> make, int steps = 6)
    {
        Kit.Init(1);
        torch.manual_seed(9);
        var model = nn.Linear(5, 3);
        var x = randn(16, 5); var y = randint(0, 3, 16);
        using var opt = make(model.parameters());
        var s = Schedules.CosineWarmRestarts(0.05, 0.001, 4);
        for (int i = 0; i < steps; i++)
        {
            s.Apply(opt, i);
            opt.zero_grad();
            nn.functional.cross_entropy(model.call(x), y).backward();
            opt.step();
        }
        return model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();
    }

    private static void Same(float[] a, float[] b)
    {
        Assert.Equal(a.Length, b.Length);
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) < 1e-6, $"[{i}] {a[i]} vs {b[i]}");
    }

    [Fact]
    public void Kit_optimizers_follow_TorchSharp_and_PyTorch_update_rules()
    {
        Same(Train(ps => optim.SGD(ps, 0.05)), Train(ps => Optimizers.Sgd(ps, 0.05)));
        Same(Train(ps => optim.SGD(ps, 0.05, momentum: 0.9, weight_decay: 5e-4)), Train(ps => Optimizers.Sgd(ps, 0.05, 0.9, 5e-4)));
        Same(Train(ps => optim.Adam(ps, 1e-3, 0.5, 0.9)), Train(ps => Optimizers.Adam(ps, 1e-3, 0.5, 0.9)));
        Same(Train(ps => optim.Adam(ps, 1e-3, weight_decay: 0.01)), Train(ps => Optimizers.Adam(ps, 1e-3, weightDecay: 0.01)));
        Same(Train(ps => optim.RMSProp(ps, 1e-3)), Train(ps => Optimizers.RmsProp(ps, 1e-3)));
    }

    [Fact]
    public void A_snapshot_taken_in_OnEpoch_outlives_the_run()
    {
        Kit.Init(1);
        torch.manual_seed(4);
        using var data = TestData.Separable(64, seed: 4);
        using var model = Models.Mlp(new[] { 20, 8, 3 });
        var snapshots = new List<Tensor>();
        Trainer.Fit(model, data, data, new TrainingOptions { Epochs = 2, BatchSize = 16, Callbacks = new TrainingCallback[] { new EveryEpoch(_ => snapshots.Add(model.parameters().First().detach().clone())) } });
        Assert.Equal(2, snapshots.Count);
        Assert.All(snapshots, s => Assert.True(double.IsFinite(s.sum().item<float>())));   // not disposed by the loop
        foreach (var s in snapshots) s.Dispose();
    }

    [Fact]
    public void The_schedule_is_the_one_source_of_the_rate_and_the_optimizer_is_made_at_its_first_value()
    {
        Kit.Init(1);
        torch.manual_seed(3);
        using var data = TestData.Separable(64, seed: 3);
        using var model = Models.Mlp(new[] { 20, 8, 3 });
        var given = new List<double>();
        var h = Trainer.Fit(model, data, data, new TrainingOptions
        {
            Epochs = 1, BatchSize = 16, Schedule = Schedules.CosineWarmRestarts(0.3, 0.01, 3),
            Optimizer = (ps, lr) => { given.Add(lr); return Optimizers.Adam(ps, lr); },
        });
        Assert.Equal(new[] { 0.3 }, given);
        Assert.Equal(Schedules.CosineWarmRestarts(0.3, 0.01, 3).Take(4), h.StepLr);
    }

    [Fact]
    public void Kit_optimizers_validate_their_arguments()
    {
        var ps = nn.Linear(2, 2).parameters();
        Assert.Equal("lr", Assert.ThrowsAny<ArgumentException>(() => Optimizers.Sgd(ps, 0)).ParamName);
        Assert.Equal("momentum", Assert.ThrowsAny<ArgumentException>(() => Optimizers.Sgd(ps, 0.1, momentum: 1)).ParamName);
        Assert.Equal("beta2", Assert.ThrowsAny<ArgumentException>(() => Optimizers.Adam(ps, beta2: 1.5)).ParamName);
        Assert.Equal("alpha", Assert.ThrowsAny<ArgumentException>(() => Optimizers.RmsProp(ps, alpha: -0.1)).ParamName);
    }
}
