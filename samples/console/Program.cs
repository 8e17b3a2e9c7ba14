// The kit from its package, as a TorchSharp user would use it: kit layers in a model converted to float64, trained by
// the kit's loop with checkpoints, interrupted, resumed (same weights, bit for bit, as a run that never stopped), and
// one of the ten experiments with its claims.
//   ./build.sh pack && cd samples/console && dotnet run            (dotnet run -- --seeds 0,1,2)
using TorchSharp;
using TricksKit;
using TricksKit.Data;
using TricksKit.Experiments;
using TricksKit.Training;
using static TorchSharp.torch;

var seeds = args.SkipWhile(a => a != "--seeds").Skip(1).FirstOrDefault() is { } s ? ExperimentSettings.ParseSeeds(s) : new[] { 0, 1, 2 };
Kit.Init();
Console.WriteLine($"device {Kit.Device.type}, TorchSharp {typeof(torch).Assembly.GetName().Version}");

using var train = Synthetic.DenseDetection(4000, seed: 1, positiveShare: 0.1);
using var test = Synthetic.DenseDetection(2000, seed: 2, positiveShare: 0.1);

TorchSharp.Modules.Sequential Model()
{
    torch.manual_seed(0);
    var model = Models.Mlp(new[] { 2, 64, 64, 2 }, norm: Norm.BatchNorm, dropout: 0.1);
    model.to(ScalarType.Float64).to(Kit.Device);
    return model;
}

TrainingOptions Options(CheckpointOptions? checkpoint = null, Action<int>? onEpoch = null) => new()
{
    Epochs = 6, BatchSize = 128, Seed = 3, Optimizer = (ps, lr) => Optimizers.Adam(ps, lr), Schedule = Schedules.CosineWarmRestarts(3e-3, 1e-4, 64),
    Loss = Losses.Focal(2.0), Checkpoint = checkpoint,
    Callbacks = onEpoch is null ? Array.Empty<TrainingCallback>() : new TrainingCallback[] { new OnEpoch(onEpoch) },
};

double[] Weights(nn.Module m) => m.state_dict().Values.SelectMany(t => t.cpu().to_type(ScalarType.Float64).data<double>().ToArray()).ToArray();

using var straight = Model();
var once = Trainer.Fit(straight, train, test, Options());
Console.WriteLine($"uninterrupted: test accuracy {once.Final.TestAccuracy:F4}, parameters {straight.parameters().First().dtype}");

var path = Path.Combine(Path.GetTempPath(), $"tricks-sample-{Guid.NewGuid():N}.ckpt");
try
{
    using (var first = Model())
    {
        try { Trainer.Fit(first, train, test, Options(new CheckpointOptions(path), e => { if (e == 4) throw new OperationCanceledException("stopped in epoch 4"); })); }
        catch (OperationCanceledException e) { Console.WriteLine($"interrupted: {e.Message}; checkpoint after epoch 3"); }
    }
    using var resumed = Model();
    var again = Trainer.Fit(resumed, train, test, Options(new CheckpointOptions(path)));
    bool same = Weights(straight).SequenceEqual(Weights(resumed)) && once.StepLoss.SequenceEqual(again.StepLoss);
    Console.WriteLine($"resumed: test accuracy {again.Final.TestAccuracy:F4}; identical to the uninterrupted run: {same}");
    if (!same) return 1;
}
finally { File.Delete(path); }

// An experiment with the engine package: cross-entropy against focal loss, each claim against cross-entropy's A/A noise floor.
Arm Make(string name, Loss<Tensor, Tensor, Tensor>? loss) => ClassifierArm.Create(name, () => Models.Mlp(new[] { 2, 32, 2 }), train, test,
    new TrainingOptions { Epochs = 4, BatchSize = 64, Loss = loss, Optimizer = (ps, lr) => Optimizers.Adam(ps, lr), Schedule = Schedules.Constant(3e-3) });
var plain = Make("cross-entropy", null);
var design = new ExperimentDesign("focal-demo", "focal-demo", _ => new[] { plain, Arm.NoiseFloor(plain), Make("focal", Losses.Focal(2.0)) },
    r => new[]
    {
        Claim.Paired(r, "focal loss raises the test accuracy", Verdict.Reproduced, new PairedTest(ClassifierMetrics.TestAccuracy, Effect.Gain, 0.005),
            "focal", "cross-entropy", Arm.NoiseFloorName("cross-entropy")),
        Claim.Paired(r, "focal loss lowers the test calibration error", Verdict.Reproduced, new PairedTest(ClassifierMetrics.TestEce, Effect.Gain, 0.005),
            "focal", "cross-entropy", Arm.NoiseFloorName("cross-entropy")),
    });
var result = design.Run(new ExperimentSettings(RunMode.Quick, seeds));
foreach (var claim in result.Claims) Console.WriteLine($"claim: {claim}");
Console.WriteLine(result.Passed ? "experiment: every claim held" : "experiment: a claim failed");
return 0;

/// <summary>Runs an action with the epoch's number at every epoch's end.</summary>
sealed class OnEpoch(Action<int> action) : TrainingCallback
{
    public override void OnEpochEnd(TrainingState state) => action(state.Epoch);
}
