using Tricks.Bench;
using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>
/// Same code, same seeds, same machine: bit-identical numbers, whatever else the machine is doing. The kit fixes the
/// thread count for the process (default 1) instead of following the load, because at notebook scale the count changes
/// the rounding.
/// </summary>
public class ReproducibilityTests
{
    /// <summary>A notebook-scale run: the MLP 784-256-256-10 of the flooding and label-smoothing notebooks, 2,000 images, Adam, 2 epochs.</summary>
    private static (IReadOnlyList<double> Loss, float[] Weights, EpochRecord Final) NotebookScaleRun()
    {
        var train = FashionSubsets.Get(true, 2000, FashionMnist.DefaultSearchPath);
        var test = FashionSubsets.Get(false, 500, FashionMnist.DefaultSearchPath);
        torch.manual_seed(5);
        using var model = Models.Mlp(new[] { 784, 256, 256, 10 }, dropout: 0.2);
        var h = Trainer.Fit(model, train, test, new TrainingOptions
        {
            Epochs = 2, BatchSize = 64, Seed = 5, Optimizer = (ps, lr) => Optimizers.Adam(ps, lr), Schedule = Schedules.Constant(1e-3),
        });
        return (h.StepLoss, model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray(), h.Final);
    }

    [Fact]
    public void A_notebook_scale_run_is_bit_identical_quiet_and_under_load()
    {
        Kit.Init(ThreadPolicy.Default);
        var quiet = NotebookScaleRun();
        using (BusyProcess.Start()) using (BusyProcess.Start())
        {
            Thread.Sleep(200);
            var loaded = NotebookScaleRun();
            Assert.Equal(ThreadPolicy.Default, Kit.Threads);               // nothing re-chose the count under load
            Assert.Equal(quiet.Loss, loaded.Loss);                           // every step's loss, bit for bit
            Assert.Equal(quiet.Weights, loaded.Weights);                     // every final weight
            Assert.Equal(quiet.Final, loaded.Final);                         // the evaluation
        }
        Assert.Equal(784 * 256 + 256 + 256 * 256 + 256 + 256 * 10 + 10, quiet.Weights.Length);
    }

    [Fact]
    public void An_experiment_gives_the_same_results_json_twice()
    {
        Kit.Init(ThreadPolicy.Default);
        string Once()
        {
            var train = FashionSubsets.Get(true, 1000, FashionMnist.DefaultSearchPath);
            var test = FashionSubsets.Get(false, 500, FashionMnist.DefaultSearchPath);
            var arms = new[]
            {
                ClassifierArm.Create("plain", () => Models.Mlp(new[] { 784, 64, 10 }), train, test, new TrainingOptions { Epochs = 2 }),
                ClassifierArm.Create("dropout", () => Models.Mlp(new[] { 784, 64, 10 }, dropout: 0.5), train, test, new TrainingOptions { Epochs = 2 }),
            };
            return ResultsJson.ToJson(new RunPlan("repro", arms, new ExperimentSettings(RunMode.Quick, new[] { 0, 1 })).RunInProcess());
        }
        var first = Once();
        using (BusyProcess.Start()) Assert.Equal(first, Once());
    }
}
