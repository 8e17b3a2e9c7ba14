using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Tests;

public class ScheduleAndWganReferenceTests
{
    public static TheoryData<int> SgdrCases => Reference.Numbers("cosine_warm_restarts");
    public static TheoryData<int> ArticleCases => Reference.Numbers("article_cyclic_lr");
    public static TheoryData<int> WganCases => Reference.Numbers("wgan");
    public static TheoryData<int> GpCases => Reference.Numbers("wgan_gradient_penalty");

    [Theory, MemberData(nameof(SgdrCases))]
    public void CosineWarmRestarts_matches_CosineAnnealingWarmRestarts(int i)
    {
        var c = Reference.Case("cosine_warm_restarts", i);
        var s = Schedules.CosineWarmRestarts(c.Num("lr_max"), c.Num("lr_min"), (int)c.Num("period"), (int)c.Num("period_mult"));
        var expected = c.Values("expected");
        for (int step = 0; step < expected.Length; step++) Reference.Close(expected[step], s.At(step), what: $"step {step}");
    }

    [Theory, MemberData(nameof(ArticleCases))]
    public void ArticleCyclic_matches_the_article_formula(int i)
    {
        var c = Reference.Case("article_cyclic_lr", i);
        var s = Schedules.ArticleCyclic(c.Num("lr_init"), c.Num("lr_min"), (int)c.Num("cycle"));
        var expected = c.Values("expected");
        Assert.Equal(expected.Length, s.Take(expected.Length).Count);
        for (int step = 0; step < expected.Length; step++) Reference.Close(expected[step], s.At(step), what: $"step {step}");
    }

    [Fact]
    public void A_schedule_drives_a_TorchSharp_optimizer()
    {
        Kit.Init();
        var model = nn.Linear(2, 1);
        using var sgd = optim.SGD(model.parameters(), 1.0);
        var s = Schedules.CosineWarmRestarts(0.1, 0.0, 4);
        for (int step = 0; step < 6; step++)
        {
            double lr = s.Apply(sgd, step);
            Assert.Equal(s.At(step), lr);
            Assert.All(sgd.ParamGroups, g => Assert.Equal(lr, g.LearningRate));
        }
    }

    [Theory, MemberData(nameof(WganCases))]
    public void Wgan_losses_and_clipping_match_the_reference(int i)
    {
        var c = Reference.Case("wgan", i);
        using var scope = NewDisposeScope();
        Reference.Close(c.Num("expected_critic_loss"), Wgan.CriticLoss(c.T("real_scores"), c.T("fake_scores")));
        Reference.Close(c.Num("expected_generator_loss"), Wgan.GeneratorLoss(c.T("fake_scores")));
        var w = c.T("weights");
        var critic = nn.Linear(w.shape[1], w.shape[0], hasBias: false, dtype: ScalarType.Float64);
        using (no_grad()) critic.weight.copy_(w);
        Wgan.ClipWeights(critic, c.Num("clip"));
        Reference.Close(c.T("expected_clipped"), critic.weight);
    }

    [Theory, MemberData(nameof(GpCases))]
    public void GradientPenalty_matches_the_reference(int i)
    {
        var c = Reference.Case("wgan_gradient_penalty", i);
        using var scope = NewDisposeScope();
        var w1 = c.T("W1"); var b1 = c.T("b1"); var w2 = c.T("w2");
        Func<Tensor, Tensor> critic = x => tanh(x.matmul(w1.t()) + b1).matmul(w2);
        var real = c.T("real");
        var eps = c.T("epsilon").reshape(-1, 1);
        var gp = Wgan.GradientPenalty(critic, real, c.T("fake"), eps, c.Num("lam"));
        Reference.Close(c.Num("expected"), gp);
        // The norm is per sample: the same penalty computed sample by sample and averaged.
        double perSample = 0;
        for (int n = 0; n < real.shape[0]; n++)
            perSample += Wgan.GradientPenalty(critic, real[n..(n + 1)], c.T("fake")[n..(n + 1)], eps[n..(n + 1)], c.Num("lam")).item<double>();
        Reference.Close(c.Num("expected"), perSample / real.shape[0]);
    }

    [Fact]
    public void GradientPenalty_is_differentiable_for_the_critic_update()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(5);
        var critic = nn.Sequential(nn.Linear(2, 8), nn.Tanh(), nn.Linear(8, 1));
        var gp = Wgan.GradientPenalty(x => critic.call(x).squeeze(1), randn(16, 2), randn(16, 2), lambda: 10);
        gp.backward();
        // Every weight matrix gets a gradient (the last bias cannot: it does not change grad_x D).
        Assert.All(critic.parameters().Where(p => p.dim() == 2), p => Assert.NotNull(p.grad));
        Assert.True(critic.parameters().Any(p => p.grad!.abs().sum().item<float>() > 0));
    }

    [Fact]
    public void GradientPenalty_at_a_zero_gradient_gives_finite_critic_gradients()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(6);
        // A ReLU critic whose hidden units are all off for every input: grad_x D = 0 everywhere, the penalty is lambda.
        var critic = nn.Sequential(nn.Linear(2, 4), nn.ReLU(), nn.Linear(4, 1));
        using (no_grad())
        {
            var first = (TorchSharp.Modules.Linear)critic.children().First();
            first.weight!.zero_();
            first.bias!.fill_(-1);
        }
        var gp = Wgan.GradientPenalty(x => critic.call(x).squeeze(1), randn(8, 2), randn(8, 2), lambda: 10);
        Assert.Equal(10, gp.item<float>(), 5);
        gp.backward();
        Assert.All(critic.parameters(), p => Assert.True(p.grad is null || p.grad.isfinite().all().item<bool>(), "a NaN or infinite gradient"));
    }
}
