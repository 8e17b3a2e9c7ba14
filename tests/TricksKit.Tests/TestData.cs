using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>Small seeded data sets for the training tests.</summary>
internal static class TestData
{
    /// <summary>
    /// <paramref name="n"/> samples of <paramref name="features"/> uniform features in [-0.5, 0.5), three classes; feature j
    /// is shifted by <paramref name="shift"/> when j mod 3 is the class, so the classes are learnable.
    /// </summary>
    public static LabeledData Separable(int n, int seed, int features = 20, double shift = 0.8)
    {
        Kit.Init();
        var g = new Random(seed);
        var x = new float[n * features];
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            y[i] = g.Next(3);
            for (int j = 0; j < features; j++) x[i * features + j] = (float)(g.NextDouble() - 0.5 + (j % 3 == y[i] ? shift : 0));
        }
        return new LabeledData(tensor(x).reshape(n, features), tensor(y), new[] { "a", "b", "c" }, "synthetic");
    }
}

/// <summary>A callback that runs an action at every epoch's end (the tests' probe of what the loop does).</summary>
internal sealed class EveryEpoch(Action<TrainingState> action) : TrainingCallback
{
    public override void OnEpochEnd(TrainingState state) => action(state);
}

/// <summary>A callback that stops the run at the first evaluated epoch the predicate accepts.</summary>
internal sealed class StopWhen(Func<EpochRecord, bool> stop) : TrainingCallback
{
    public override void OnEvaluated(TrainingState state, EpochRecord epoch)
    {
        if (stop(epoch)) state.RequestStop();
    }
}
