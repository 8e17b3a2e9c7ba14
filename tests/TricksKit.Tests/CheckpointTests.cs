using TorchSharp;
using TorchSharp.Modules;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>Trainer checkpoints: a run stopped after epoch k and resumed ends with the same weights, bit for bit, as one that never stopped.</summary>
public sealed class CheckpointTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("tricks-ckpt-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private static LabeledData Data(int n, int seed)
    {
        Kit.Init(1);
        return TestData.Separable(n, seed, features: 12, shift: 0.6);
    }

    // Kit layers (BatchNorm with running statistics, dropout drawing from the generator) in float64, so every piece of
    // state a resume must restore is exercised: parameters, buffers, optimizer moments, the generator, the schedule.
    private static Sequential Model(ScalarType dtype)
    {
        torch.manual_seed(11);
        var model = Models.Mlp(new[] { 12, 32, 32, 3 }, norm: Norm.BatchNorm, dropout: 0.3);
        model.to(dtype);
        return model;
    }

    public static TheoryData<string> OptimizerNames() => new() { "sgd-momentum", "adam", "rmsprop" };

    private static Func<IEnumerable<Parameter>, double, optim.Optimizer> Optimizer(string name) => name switch
    {
        "sgd-momentum" => (ps, lr) => Optimizers.Sgd(ps, lr, momentum: 0.9, weightDecay: 1e-4),
        "adam" => (ps, lr) => Optimizers.Adam(ps, lr),
        _ => (ps, lr) => Optimizers.RmsProp(ps, lr),
    };

    private TrainingOptions Options(string optimizer, CheckpointOptions? checkpoint = null, Action<int>? onEpoch = null) => new()
    {
        Epochs = 5, BatchSize = 32, Seed = 4, Optimizer = Optimizer(optimizer), Checkpoint = checkpoint,
        Callbacks = onEpoch is null ? Array.Empty<TrainingCallback>() : new TrainingCallback[] { new EveryEpoch(s => onEpoch(s.Epoch)) },
        Schedule = optimizer == "sgd-momentum" ? Schedules.CosineWarmRestarts(0.05, 0.001, 7) : Schedules.CosineWarmRestarts(0.01, 0.0005, 7),
    };

    private static double[] Weights(nn.Module model) =>
        model.state_dict().Values.SelectMany(t => t.to_type(ScalarType.Float64).data<double>().ToArray()).ToArray();

    [Theory]
    [MemberData(nameof(OptimizerNames))]
    public void A_run_stopped_after_epoch_2_and_resumed_ends_bit_identical_to_an_uninterrupted_run(string optimizer)
    {
        using var data = Data(300, 1);
        using var test = Data(100, 2);
        using var straight = Model(ScalarType.Float64);
        var expected = Trainer.Fit(straight, data, test, Options(optimizer));

        var path = Path.Combine(dir, optimizer, "run.ckpt");
        using (var crashing = Model(ScalarType.Float64))
        {
            var crash = Assert.Throws<IOException>(() => Trainer.Fit(crashing, data, test,
                Options(optimizer, new CheckpointOptions(path), onEpoch: e => { if (e == 3) throw new IOException("power cut in epoch 3"); })));
            Assert.Equal("power cut in epoch 3", crash.Message);
        }
        Assert.True(File.Exists(path));

        // A fresh process would build a fresh model (other initial weights do not matter: the checkpoint replaces them).
        torch.manual_seed(999);
        using var resumed = Models.Mlp(new[] { 12, 32, 32, 3 }, norm: Norm.BatchNorm, dropout: 0.3);
        resumed.to(ScalarType.Float64);
        var epochsRun = new List<int>();
        var history = Trainer.Fit(resumed, data, test, Options(optimizer, new CheckpointOptions(path), onEpoch: epochsRun.Add));

        Assert.Equal(new[] { 3, 4, 5 }, epochsRun);                 // it did not redo epochs 1 and 2
        Assert.Equal(Weights(straight), Weights(resumed));          // bit-identical weights and BN statistics
        Assert.Equal(expected.StepLoss, history.StepLoss);
        Assert.Equal(expected.StepLr, history.StepLr);
        Assert.Equal(expected.Epochs, history.Epochs);
        Assert.All(resumed.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
    }

    [Fact]
    public void Resuming_without_the_optimizer_state_differs_so_the_checkpoint_must_carry_it()
    {
        using var data = Data(300, 1);
        using var test = Data(100, 2);
        using var straight = Model(ScalarType.Float32);
        Trainer.Fit(straight, data, test, Options("adam"));
        var path = Path.Combine(dir, "adam.ckpt");
        using (var first = Model(ScalarType.Float32))
            Assert.Throws<IOException>(() => Trainer.Fit(first, data, test,
                Options("adam", new CheckpointOptions(path), onEpoch: e => { if (e == 3) throw new IOException("stop"); })));

        // The control: the same checkpoint with the Adam moments and step counts of a fresh optimizer.
        using (var model = Model(ScalarType.Float32))
        using (var loaded = Optimizers.Adam(model.parameters(), 1e-2))
        using (var fresh = Optimizers.Adam(model.parameters(), 1e-2))
            TrainingCheckpoint.Load(path, model, loaded, 4, 32, 300, TrainingCheckpoint.Fingerprint(data)).Save(path, model, fresh);
        using var resumed = Model(ScalarType.Float32);
        Trainer.Fit(resumed, data, test, Options("adam", new CheckpointOptions(path)));
        Assert.NotEqual(Weights(straight), Weights(resumed));
    }

    [Fact]
    public void A_checkpoint_from_another_seed_is_refused_naming_both()
    {
        using var data = Data(120, 1);
        var path = Path.Combine(dir, "seed.ckpt");
        using (var a = Model(ScalarType.Float32))
            Trainer.Fit(a, data, data, Options("sgd-momentum", new CheckpointOptions(path)) with { Epochs = 1 });
        using var b = Model(ScalarType.Float32);
        var e = Assert.Throws<InvalidDataException>(() => Trainer.Fit(b, data, data, Options("sgd-momentum", new CheckpointOptions(path)) with { Epochs = 1, Seed = 5 }));
        Assert.Contains("Seed 4", e.Message);
        Assert.Contains("Seed 5", e.Message);
        // Resume = false starts over and overwrites it.
        Trainer.Fit(b, data, data, Options("sgd-momentum", new CheckpointOptions(path) { Resume = false }) with { Epochs = 1, Seed = 5 });
    }

    [Theory]
    [InlineData("half")]
    [InlineData("last byte")]
    [InlineData("body")]
    public void A_damaged_checkpoint_is_refused_naming_it_and_the_model_and_optimizer_stay_as_they_were(string damage)
    {
        using var data = Data(120, 1);
        var path = Path.Combine(dir, $"damaged-{damage.Replace(' ', '-')}.ckpt");
        using (var a = Model(ScalarType.Float32))
            Trainer.Fit(a, data, data, Options("adam", new CheckpointOptions(path)) with { Epochs = 2 });
        var bytes = File.ReadAllBytes(path);
        bytes = damage switch
        {
            "half" => bytes[..(bytes.Length / 2)],
            "last byte" => bytes[..^1],
            _ => bytes.Select((b, i) => i == bytes.Length - 100 ? (byte)(b ^ 0x5a) : b).ToArray(),
        };
        File.WriteAllBytes(path, bytes);
        using var model = Model(ScalarType.Float32);
        var before = Weights(model);
        using var optimizer = Optimizers.Adam(model.parameters(), 1e-2);
        var e = Assert.Throws<InvalidDataException>(() => TrainingCheckpoint.Load(path, model, optimizer, 4, 32, 120, TrainingCheckpoint.Fingerprint(data)));
        Assert.Contains(path, e.Message);
        Assert.Equal(before, Weights(model));                      // nothing was loaded
        var fit = Assert.Throws<InvalidDataException>(() => Trainer.Fit(model, data, data, Options("adam", new CheckpointOptions(path)) with { Epochs = 2 }));
        Assert.Contains(path, fit.Message);
        Assert.Equal(before, Weights(model));
    }

    [Fact]
    public void A_finished_checkpoint_trains_on_to_more_epochs_and_refuses_fewer()
    {
        using var data = Data(300, 1);
        using var test = Data(100, 2);
        using var straight = Model(ScalarType.Float64);
        var expected = Trainer.Fit(straight, data, test, Options("sgd-momentum") with { Epochs = 4 });
        var path = Path.Combine(dir, "finished.ckpt");
        using (var two = Model(ScalarType.Float64))
            Trainer.Fit(two, data, test, Options("sgd-momentum", new CheckpointOptions(path)) with { Epochs = 2 });
        using var four = Model(ScalarType.Float64);
        var history = Trainer.Fit(four, data, test, Options("sgd-momentum", new CheckpointOptions(path)) with { Epochs = 4 });
        Assert.Equal(Weights(straight), Weights(four));            // trained on from epoch 2, bit for bit the uninterrupted run
        Assert.Equal(expected.StepLoss, history.StepLoss);
        Assert.Equal(expected.Epochs, history.Epochs);
        using var one = Model(ScalarType.Float64);
        var e = Assert.Throws<InvalidDataException>(() => Trainer.Fit(one, data, test, Options("sgd-momentum", new CheckpointOptions(path)) with { Epochs = 1 }));
        Assert.Contains("Epochs = 1", e.Message);
    }

    [Fact]
    public void A_training_set_of_the_same_size_but_other_content_is_refused()
    {
        using var data = Data(120, 1);
        using var other = Data(120, 7);
        var path = Path.Combine(dir, "content.ckpt");
        using (var a = Model(ScalarType.Float32))
            Trainer.Fit(a, data, data, Options("adam", new CheckpointOptions(path)) with { Epochs = 1 });
        using var b = Model(ScalarType.Float32);
        var e = Assert.Throws<InvalidDataException>(() => Trainer.Fit(b, other, other, Options("adam", new CheckpointOptions(path)) with { Epochs = 2 }));
        Assert.Contains("other content", e.Message);
    }

    [Fact]
    public void A_checkpoint_folder_that_cannot_be_written_fails_before_training_naming_it()
    {
        using var data = Data(60, 1);
        var file = Path.Combine(dir, "a-file");
        File.WriteAllText(file, "");
        using var model = Model(ScalarType.Float32);
        var steps = new List<int>();
        var e = Assert.Throws<IOException>(() => Trainer.Fit(model, data, data, Options("adam", new CheckpointOptions(Path.Combine(file, "run.ckpt")), onEpoch: steps.Add)));
        Assert.Contains(file, e.Message);
        Assert.Empty(steps);                                        // no epoch trained
    }

    [Fact]
    public void A_crash_while_writing_leaves_the_previous_file_intact_and_no_temporary_file()
    {
        var path = Path.Combine(dir, "atomic.bin");
        AtomicFile.Write(path, s => s.Write(new byte[] { 1, 2, 3 }));
        Assert.Throws<IOException>(() => AtomicFile.Write(path, s =>
        {
            s.Write(new byte[4096]);
            throw new IOException("disk full");
        }));
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(new[] { path }, Directory.GetFiles(dir));
    }

    [Fact]
    public void Checkpoint_every_must_be_at_least_one()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CheckpointOptions("x") { Every = 0 });
        Assert.Equal("Every", e.ParamName);
    }
}
