using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Tests;

public class LossReferenceTests
{
    public static TheoryData<int> SigmoidFocalCases => Reference.Numbers("sigmoid_focal_loss");
    public static TheoryData<int> FocalCases => Reference.Numbers("focal_loss");
    public static TheoryData<int> SmoothingCases => Reference.Numbers("label_smoothing");
    public static TheoryData<int> FloodingCases => Reference.Numbers("flooding");

    [Theory, MemberData(nameof(SigmoidFocalCases))]
    public void SigmoidFocal_matches_torchvision(int i)
    {
        var c = Reference.Case("sigmoid_focal_loss", i);
        using var scope = NewDisposeScope();
        var reduction = Reference.ParseReduction(c.GetProperty("reduction").GetString());
        var loss = Losses.SigmoidFocal(c.Num("gamma"), c.Num("alpha"), reduction).call(c.T("logits"), c.T("targets"));
        if (reduction == nn.Reduction.None) Reference.Close(c.T("expected"), loss);
        else Reference.Close(c.Num("expected"), loss);
        // float32: close, not exact
        var loss32 = Losses.SigmoidFocal(c.Num("gamma"), c.Num("alpha"), reduction).call(c.T("logits", ScalarType.Float32), c.T("targets", ScalarType.Float32));
        Assert.Equal(ScalarType.Float32, loss32.dtype);
        Reference.Close(loss, loss32, 1e-4);
    }

    [Theory, MemberData(nameof(FocalCases))]
    public void Focal_matches_the_reference(int i)
    {
        var c = Reference.Case("focal_loss", i);
        using var scope = NewDisposeScope();
        var alphaJson = c.GetProperty("alpha");
        IReadOnlyList<double>? alpha = alphaJson.ValueKind == System.Text.Json.JsonValueKind.Null ? null : c.Values("alpha");
        var targets = c.T("targets", ScalarType.Int64);
        Reference.Close(c.Num("expected"), Losses.Focal(c.Num("gamma"), alpha).call(c.T("logits"), targets));
        Reference.Close(c.Num("expected"), Losses.Focal(c.Num("gamma"), alpha).call(c.T("logits", ScalarType.Float32), targets), 1e-5, "float32");
    }

    [Fact]
    public void Focal_with_gamma_0_is_cross_entropy_and_focuses_on_hard_examples()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var logits = randn(16, 5, dtype: ScalarType.Float64);
        var y = randint(0, 5, 16);
        Reference.Close(nn.functional.cross_entropy(logits, y).item<double>(), Losses.Focal(gamma: 0).call(logits, y));
        // An easy example (p_y ~ 0.99) loses far more of its loss than a hard one (p_y ~ 0.3).
        var easy = tensor(new[,] { { 5.0, 0.0 } }); var hard = tensor(new[,] { { -0.85, 0.0 } }); var t = tensor(new long[] { 0 });
        double easyRatio = Losses.Focal(2).call(easy, t).item<double>() / Losses.Focal(0).call(easy, t).item<double>();
        double hardRatio = Losses.Focal(2).call(hard, t).item<double>() / Losses.Focal(0).call(hard, t).item<double>();
        Assert.True(easyRatio < 1e-3 && hardRatio > 0.4, $"easy {easyRatio}, hard {hardRatio}");
    }

    [Theory, MemberData(nameof(SmoothingCases))]
    public void LabelSmoothing_matches_cross_entropy_with_label_smoothing(int i)
    {
        var c = Reference.Case("label_smoothing", i);
        using var scope = NewDisposeScope();
        var targets = c.T("targets", ScalarType.Int64);
        var ours = Losses.LabelSmoothing(c.Num("smoothing")).call(c.T("logits"), targets);
        Reference.Close(c.Num("expected"), ours);
        // (TorchSharp 0.107's CrossEntropyLoss has no label_smoothing argument to compare with.)
        Reference.Close(c.Num("expected"), Losses.LabelSmoothing(c.Num("smoothing")).call(c.T("logits", ScalarType.Float32), targets), 1e-5, "float32");
    }

    [Fact]
    public void LabelSmoothing_targets_follow_the_article_formula()
    {
        using var scope = NewDisposeScope();
        var q = LabelSmoothingLoss.SmoothTargets(tensor(new long[] { 2, 0 }), 4, 0.1);
        // targets = (1 - label_smooth) * onehot + label_smooth / num_classes
        Reference.Close(tensor(new[,] { { 0.025, 0.025, 0.925, 0.025 }, { 0.925, 0.025, 0.025, 0.025 } }), q);
    }

    [Theory, MemberData(nameof(FloodingCases))]
    public void Flooding_matches_the_reference_value_and_gradient(int i)
    {
        var c = Reference.Case("flooding", i);
        using var scope = NewDisposeScope();
        var w = c.T("weights").requires_grad_(true);
        var loss = w.square().mean();
        Reference.Close(c.Num("loss"), loss, what: "loss");
        var flooded = Losses.Flood(loss, c.Num("level"));
        Reference.Close(c.Num("expected"), flooded, what: "flooded");
        flooded.backward();
        Reference.Close(c.T("expected_grad"), w.grad!, what: "grad");
        // Below the flood level the gradient is the plain one with its sign flipped.
        var w2 = c.T("weights").requires_grad_(true);
        w2.square().mean().backward();
        double sign = c.Num("loss") < c.Num("level") ? -1 : 1;
        Reference.Close(w2.grad! * sign, w.grad!, what: "sign");
    }

    [Fact]
    public void Flooded_wraps_any_loss()
    {
        using var scope = NewDisposeScope();
        var x = tensor(new[,] { { 2.0, 0.1 }, { 0.3, 1.5 } }); var y = tensor(new long[] { 0, 1 });
        double ce = nn.functional.cross_entropy(x, y).item<double>();
        Reference.Close(Math.Abs(ce - 1.0) + 1.0, Losses.Flooded(nn.CrossEntropyLoss(), 1.0).call(x, y));
        Reference.Close(ce, Losses.Flooded(nn.CrossEntropyLoss(), 0.0).call(x, y));
    }
}
