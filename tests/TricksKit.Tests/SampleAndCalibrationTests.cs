using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>Each seed's own training draw and validation split, and temperature scaling (Guo et al. 2017).</summary>
public class SampleAndCalibrationTests
{
    /// <summary>A fingerprint per image: its pixels weighted by their positions, summed in float64.</summary>
    private static double[] Ids(LabeledData d)
    {
        using var scope = NewDisposeScope();
        var x = d.Features.reshape(d.Count, -1).to_type(ScalarType.Float64);
        return Metrics.Doubles((x * arange(1, x.shape[1] + 1, dtype: ScalarType.Float64)).sum(1));
    }

    [Fact]
    public void Each_seed_draws_its_own_training_sample_and_a_disjoint_validation_split()
    {
        var path = FashionMnist.DefaultSearchPath;
        var a = FashionSubsets.Train(100, 500, path);
        var again = FashionSubsets.Train(100, 500, path);
        var b = FashionSubsets.Train(101, 500, path);
        var validation = FashionSubsets.Validation(100, 500, 300, path);
        Assert.Same(a, again);                                   // cached: the A/A twin sees the same draw
        Assert.Equal(500, a.Count);
        Assert.Equal(300, validation.Count);
        // Images differ between draws; train and validation of one seed share none (by fingerprint).
        Assert.NotEqual(Ids(a), Ids(b));
        Assert.Empty(Ids(a).Intersect(Ids(validation)));
        Assert.Same(FashionSubsets.Test(200, path), FashionSubsets.Test(200, path));
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => FashionSubsets.Train(1, 70000, path)).ParamName);
        Assert.Equal("seed", Assert.Throws<ArgumentOutOfRangeException>(() => FashionSubsets.Train(-1, 10, path)).ParamName);
    }

    [Fact]
    public void A_cached_split_survives_the_dispose_scope_it_was_first_made_in()
    {
        LabeledData v;
        using (var scope = NewDisposeScope()) v = FashionSubsets.Validation(102, 400, 200, FashionMnist.DefaultSearchPath);
        Assert.Equal(200, v.Count);   // would throw "empty handle" if the scope had freed it
    }

    [Fact]
    public void Temperature_scaling_recovers_the_temperature_that_sharpened_calibrated_logits()
    {
        // Labels drawn from softmax(z): z is calibrated; z * 3 is overconfident, and the fitted T must be about 3.
        manual_seed(0);
        var z = randn(20000, 5, dtype: ScalarType.Float64);
        var y = multinomial(z.softmax(1), 1).squeeze(1);
        Assert.InRange(Metrics.FitTemperature(z * 3, y), 2.8, 3.2);
        Assert.InRange(Metrics.FitTemperature(z, y), 0.93, 1.07);
        Assert.True(Metrics.ExpectedCalibrationError(z * 3 / Metrics.FitTemperature(z * 3, y), y) < Metrics.ExpectedCalibrationError(z * 3, y));
        Assert.Equal("min", Assert.Throws<ArgumentOutOfRangeException>(() => Metrics.FitTemperature(z, y, min: 0)).ParamName);
    }
}
