using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

public class DataTests
{
    [Fact]
    public void Fashion_mnist_loads_verified_with_its_shapes()
    {
        using var test = FashionMnist.Load(train: false, limit: 500);
        Assert.Equal(new long[] { 500, 1, 28, 28 }, test.Features.shape);
        Assert.Equal(10, test.Classes);
        Assert.InRange(test.Features.max().item<float>(), 0.9f, 1f);
        Assert.Equal(0f, test.Features.min().item<float>());
    }

    [Fact]
    public void A_missing_fashion_mnist_names_every_path_tried_and_the_fix()
    {
        // An explicit folder is honoured alone; without one, the repository's copy, then the system's.
        Assert.Equal(new[] { "/data/fashion-mnist", "/data" }, FashionMnist.SearchPath("/data", "/repo"));
        Assert.Equal(new[] { "/repo/datasets/fashion-mnist", "/usr/share/datasets/fashion-mnist" }, FashionMnist.SearchPath(null, "/repo"));
        Assert.Equal(FashionMnist.DefaultSearchPath, FashionMnist.SearchPath());
        var empty = new[] { Path.Combine(Path.GetTempPath(), "no-fashion-" + Guid.NewGuid().ToString("N")), Path.Combine(Path.GetTempPath(), "nor-here") };
        var e = Assert.Throws<FileNotFoundException>(() => FashionMnist.Load(train: false, limit: 10, searchPath: empty));
        foreach (var dir in empty)
        {
            Assert.Contains(Path.Combine(dir, "t10k-images-idx3-ubyte.gz"), e.Message);
            Assert.Contains(Path.Combine(dir, "t10k-images-idx3-ubyte"), e.Message);
        }
        Assert.Contains("./build.sh setup", e.Message);
        Assert.Contains("TRICKS_DATA", e.Message);
    }

    [Fact]
    public void Digits_and_breast_cancer_load_from_datasets()
    {
        using var digits = CsvData.Digits(Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "datasets", "digits.csv.gz"));
        Assert.Equal(new long[] { 1797, 64 }, digits.Features.shape);
        Assert.Equal(10, digits.Classes);
        Assert.InRange(digits.Features.max().item<float>(), 0.99f, 1f);
        using var cancer = CsvData.BreastCancer(Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "datasets", "breast_cancer.csv"));
        Assert.Equal(new long[] { 569, 30 }, cancer.Features.shape);
        Assert.Equal(357, cancer.Labels.sum().item<long>()); // benign
        Assert.InRange(cancer.Features.mean().item<float>(), -1e-4f, 1e-4f);
    }

    [Fact]
    public void Stratified_subsets_keep_class_proportions_and_repeat_with_the_seed()
    {
        using var digits = CsvData.Digits(Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "datasets", "digits.csv.gz"));
        using var a = Subsets.Stratified(digits, 200, seed: 3);
        using var b = Subsets.Stratified(digits, 200, seed: 3);
        Assert.Equal(200, a.Count);
        Assert.True(a.Labels.eq(b.Labels).all().item<bool>());
        var counts = a.Labels.bincount(null).data<long>().ToArray();
        Assert.All(counts, c => Assert.InRange(c, 19, 21));
    }

    [Fact]
    public void Imbalance_keeps_a_share_of_one_class_and_label_noise_flips_the_given_rate()
    {
        using var digits = CsvData.Digits(Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "datasets", "digits.csv.gz"));
        using var imb = Subsets.Imbalanced(digits, 3, keep: 0.1, seed: 1);
        long threes = digits.Labels.eq(3).sum().item<long>();
        Assert.Equal((long)Math.Round(threes * 0.1), imb.Labels.eq(3).sum().item<long>());
        Assert.Equal(digits.Count - threes + (int)Math.Round(threes * 0.1), imb.Count);
        using var noisy = Subsets.WithLabelNoise(digits, 0.2, seed: 2);
        long changed = noisy.Labels.ne(digits.Labels).sum().item<long>();
        Assert.Equal((long)Math.Round(digits.Count * 0.2), changed);
    }

    [Fact]
    public void Dense_detection_has_rare_positives_hard_negatives_near_them_and_repeats()
    {
        using var a = Synthetic.DenseDetection(10000, seed: 1);
        using var b = Synthetic.DenseDetection(10000, seed: 1);
        Assert.True(a.Features.eq(b.Features).all().item<bool>());
        Assert.Equal(100, a.Labels.sum().item<long>());
        using var c = Synthetic.DenseDetection(10000, seed: 2);
        Assert.False(a.Features.eq(c.Features).all().item<bool>());
    }

    [Fact]
    public void The_gaussian_ring_has_eight_modes_on_radius_two()
    {
        using var x = Synthetic.GaussianRing(4000, seed: 0);
        Assert.Equal(8, Metrics.ModesCovered(x, Synthetic.RingCentres()));
        var r = x.square().sum(1).sqrt();
        Assert.InRange(r.mean().item<float>(), 1.99f, 2.01f);
    }

    [Fact]
    public void Bad_data_arguments_name_the_parameter()
    {
        using var digits = CsvData.Digits(Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "datasets", "digits.csv.gz"));
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => Subsets.Stratified(digits, 0)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => Subsets.Stratified(digits, 5000)).ParamName);
        Assert.Equal("keep", Assert.ThrowsAny<ArgumentException>(() => Subsets.Imbalanced(digits, 1, 0)).ParamName);
        Assert.Equal("minorityClass", Assert.ThrowsAny<ArgumentException>(() => Subsets.Imbalanced(digits, 10, 0.5)).ParamName);
        Assert.Equal("rate", Assert.ThrowsAny<ArgumentException>(() => Subsets.WithLabelNoise(digits, -0.1)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => Synthetic.GaussianRing(-5)).ParamName);
        Assert.Equal("count", Assert.ThrowsAny<ArgumentException>(() => Synthetic.DenseDetection(10)).ParamName);
        Assert.Equal("limit", Assert.ThrowsAny<ArgumentException>(() => FashionMnist.Load(limit: 0)).ParamName);
        Assert.Equal("labels", Assert.ThrowsAny<ArgumentException>(() => new LabeledData(ones(3, 2), ones(4, dtype: ScalarType.Int64), new[] { "a" })).ParamName);
    }
}
