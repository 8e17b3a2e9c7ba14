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
