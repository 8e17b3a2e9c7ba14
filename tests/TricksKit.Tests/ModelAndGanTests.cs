using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

public class ModelAndGanTests
{
    [Fact]
    public void Mlp_builds_norms_dropout_and_inits()
    {
        Kit.Init();
        var m = Models.Mlp(new[] { 10, 32, 32, 3 }, Activation.Tanh, Init.Xavier, Norm.GroupNorm, dropout: 0.5, groups: 8);
        Assert.Equal(new long[] { 4, 3 }, m.call(ones(4, 10)).shape);
        Assert.Contains(m.named_children(), c => c.module is GroupNorm);
        Assert.Contains(m.named_children(), c => c.module is Dropout);
        torch.manual_seed(0);
        var he = Models.Mlp(new[] { 1000, 1000, 2 }, init: Init.He);
        var w = he.parameters().First();
        Assert.InRange(w.std().item<float>(), Math.Sqrt(2.0 / 1000) * 0.97, Math.Sqrt(2.0 / 1000) * 1.03);
    }

    [Fact]
    public void SmallCnn_takes_each_norm_and_the_plain_net_is_unchanged()
    {
        Kit.Init();
        foreach (var (norm, type) in new[] { (Norm.BatchNorm, typeof(TricksKit.Modules.BatchNorm)), (Norm.GroupNorm, typeof(GroupNorm)), (Norm.LayerNorm, typeof(GroupNorm)) })
        {
            var m = Models.SmallCnn(norm: norm, groups: 4, init: Init.He);
            Assert.Equal(new long[] { 3, 10 }, m.call(randn(3, 1, 28, 28)).shape);
            Assert.Equal(2, m.named_children().Count(c => c.module.GetType() == type));
        }
        var ln = Models.SmallCnn(norm: Norm.LayerNorm, width: 8);
        Assert.All(ln.named_children().Select(c => c.module).OfType<GroupNorm>(), g => Assert.Equal(1L, g.Groups));
        Assert.Equal(new[] { "conv0", "act0", "pool0", "conv1", "act1", "pool1", "flatten", "linear" }, Models.SmallCnn().named_children().Select(c => c.name));
        torch.manual_seed(4); var a = Models.SmallCnn().parameters().First().clone();
        torch.manual_seed(4); var b = Models.SmallCnn(norm: Norm.GroupNorm).parameters().First();
        Assert.True(a.eq(b).all().item<bool>());   // the norm adds no draws before the first convolution
        Assert.Throws<ArgumentOutOfRangeException>(() => Models.SmallCnn(groups: 0));
    }

    [Fact]
    public void Plain_and_residual_stacks_share_parameters_and_start_alike()
    {
        torch.manual_seed(1); var plain = Models.DeepStack(20, 16, 4, 3, residual: false);
        torch.manual_seed(1); var res = Models.DeepStack(20, 16, 4, 3, residual: true);
        var pp = plain.parameters().ToArray(); var rp = res.parameters().ToArray();
        Assert.Equal(pp.Length, rp.Length);
        for (int i = 0; i < pp.Length; i++) Assert.True(pp[i].eq(rp[i]).all().item<bool>());
        Assert.Equal(new long[] { 5, 3 }, res.call(randn(5, 20)).shape);
        Assert.Equal(new long[] { 5, 1 }, Models.Critic().call(randn(5, 2)).shape);
        Assert.Equal(new long[] { 5, 2 }, Models.Generator().call(randn(5, 8)).shape);
        Assert.Equal(new long[] { 2, 10 }, Models.SmallCnn().call(randn(2, 1, 28, 28)).shape);
    }

    [Fact]
    public void Gradient_norms_are_reported_per_weight_matrix()
    {
        torch.manual_seed(2);
        var m = Models.Mlp(new[] { 10, 16, 16, 3 }, Activation.Sigmoid);
        nn.functional.cross_entropy(m.call(randn(8, 10)), randint(0, 3, 8)).backward();
        var norms = Metrics.GradientNorms(m);
        Assert.Equal(3, norms.Count);
        Assert.All(norms, n => Assert.True(n.Norm > 0));
        Assert.Equal("linear0.weight", norms[0].Parameter);
    }

    [Fact]
    public void Sliced_wasserstein_and_spearman_behave()
    {
        Kit.Init();
        using var a = Synthetic.GaussianRing(1000, 0);
        using var b = Synthetic.GaussianRing(1000, 1);
        Assert.True(Metrics.SlicedWasserstein(a, b) < 0.1);
        Assert.True(Metrics.SlicedWasserstein(a, b + 1) > 0.5);
        Assert.Equal(1.0, Metrics.Spearman(new[] { 1.0, 2, 3, 4 }, new[] { 10.0, 20, 25, 100 }), 12);
        Assert.Equal(-1.0, Metrics.Spearman(new[] { 1.0, 2, 3 }, new[] { 3.0, 2, 1 }), 12);
        Assert.Equal(Math.Sqrt(3) / 2, Metrics.Spearman(new[] { 1.0, 2, 3 }, new[] { 1.0, 1, 2 }), 12); // ties get average ranks
    }

    [Fact]
    public void Wgan_gp_learns_the_ring_and_repeats_with_the_seed()
    {
        Kit.Init(1);
        using var pool = Synthetic.GaussianRing(20000, seed: 0);
        GanHistory Run()
        {
            torch.manual_seed(0);
            using var g = Models.Generator();
            using var d = Models.Critic();
            return GanTrainer.Fit(g, d, pool, new GanOptions { Kind = GanKind.WganGp, Lambda = 0.1, Iterations = 150, EvaluateEvery = 50, EvalSamples = 500 },
                Synthetic.RingCentres());
        }
        var a = Run();
        var b = Run();
        Assert.Equal(a.CriticLoss, b.CriticLoss);
        Assert.Equal(3, a.Evaluations.Count);
        Assert.True(a.Evaluations[^1].SlicedWasserstein < a.Evaluations[0].SlicedWasserstein,
            $"sliced W {a.Evaluations[0].SlicedWasserstein} -> {a.Evaluations[^1].SlicedWasserstein}");
    }

    [Fact]
    public void Weight_clipping_keeps_the_critic_in_range_and_the_standard_gan_runs()
    {
        Kit.Init(1);
        using var pool = Synthetic.GaussianRing(2000, seed: 0);
        torch.manual_seed(0);
        using var d = Models.Critic();
        GanTrainer.Fit(Models.Generator(), d, pool, new GanOptions { Kind = GanKind.WganClip, Clip = 0.05, Iterations = 20, EvaluateEvery = 10, EvalSamples = 200 });
        Assert.All(d.parameters(), p => Assert.True(p.abs().max().item<float>() <= 0.05f + 1e-7f));
        var h = GanTrainer.Fit(Models.Generator(), Models.Critic(), pool, new GanOptions { Kind = GanKind.Standard, NCritic = 1, Iterations = 20, EvaluateEvery = 10, EvalSamples = 200 });
        Assert.Equal(2, h.Evaluations.Count);
        Assert.All(h.Evaluations, c => Assert.True(double.IsFinite(c.LossEstimate)));
    }

    [Fact]
    public void The_standard_gan_estimate_is_0_for_a_blind_discriminator_and_ln2_for_a_perfect_one()
    {
        Kit.Init(1);
        Assert.Equal(0, GanTrainer.JensenShannonEstimate(zeros(64), zeros(64)), 6);                     // D = 1/2 everywhere
        Assert.Equal(Math.Log(2), GanTrainer.JensenShannonEstimate(full(64, 30f), full(64, -30f)), 6);   // D(real) = 1, D(fake) = 0
        // Fooled the wrong way round: far below zero. One logit of 1 on both sides: ln 2 - softplus(-1)/2 - softplus(1)/2.
        Assert.True(GanTrainer.JensenShannonEstimate(full(64, -5f), full(64, 5f)) < -4);
        double expected = Math.Log(2) - 0.5 * (Math.Log(1 + Math.Exp(-1)) + Math.Log(1 + Math.Exp(1)));
        Assert.Equal(expected, GanTrainer.JensenShannonEstimate(ones(8), ones(8)), 6);
    }
}
