using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// Wasserstein GAN (Arjovsky et al. 2017) and its gradient penalty (Gulrajani et al. 2017). The critic
/// maximises <c>E[D(real)] - E[D(fake)]</c>, an estimate of the Wasserstein-1 distance when D is 1-Lipschitz
/// (kept so by clipping weights to [-c, c], or by penalising <c>lambda E[(||grad D(x^)||_2 - 1)^2]</c>).
/// </summary>
public static class Wgan
{
    /// <summary>The critic's loss <c>mean(D(fake)) - mean(D(real))</c> (minimised).</summary>
    public static Tensor CriticLoss(Tensor realScores, Tensor fakeScores)
    {
        Check.NotEmpty(realScores, nameof(realScores));
        Check.NotEmpty(fakeScores, nameof(fakeScores));
        using var scope = NewDisposeScope();
        return Safe.Minus(fakeScores.mean(), realScores.mean()).MoveToOuterDisposeScope();
    }

    /// <summary>The generator's loss <c>-mean(D(fake))</c>.</summary>
    public static Tensor GeneratorLoss(Tensor fakeScores)
    {
        Check.NotEmpty(fakeScores, nameof(fakeScores));
        using var scope = NewDisposeScope();
        return (-fakeScores.mean()).MoveToOuterDisposeScope();
    }

    /// <summary>Clamps every parameter of <paramref name="critic"/> to [-c, c] in place (the original WGAN).</summary>
    /// <param name="critic">the critic whose parameters are clamped.</param>
    /// <param name="c">the clip value, > 0.</param>
    public static void ClipWeights(nn.Module critic, double c)
    {
        ArgumentNullException.ThrowIfNull(critic);
        Check.Positive(c, nameof(c));
        using var noGrad = no_grad();
        foreach (var p in critic.parameters()) Safe.Clamp_(p, -c, c);
    }

    /// <summary>
    /// WGAN-GP's penalty <c>lambda mean_i (||grad_x D(x^_i)||_2 - 1)^2</c> at <c>x^ = eps real + (1 - eps) fake</c>,
    /// the norm taken per sample over all its features. Differentiable (for the critic's update).
    /// </summary>
    /// <param name="critic">D, mapping (N, ...) to N scores.</param>
    /// <param name="real">real samples (N, ...).</param>
    /// <param name="fake">generated samples, same shape.</param>
    /// <param name="epsilon">one value in [0, 1] per sample, shaped (N, 1, ...) to broadcast (e.g. (N, 1) for (N, d)).</param>
    /// <param name="lambda">the penalty weight, >= 0.</param>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, Tensor epsilon,
        double lambda = 10)
    {
        ArgumentNullException.ThrowIfNull(critic);
        Check.NotEmpty(real, nameof(real));
        Check.NotNull(fake, nameof(fake));
        Check.NotNull(epsilon, nameof(epsilon));
        Check.SameShape(real, nameof(real), fake, nameof(fake));
        long n = real.shape[0];
        if (epsilon.numel() != n || epsilon.dim() != real.dim() || epsilon.shape[0] != n)
            throw new ArgumentException(
                $"epsilon must hold one value per sample shaped (N, 1, ...) = ({n}{string.Concat(Enumerable.Repeat(", 1", (int)real.dim() - 1))}), got {Check.Shape(epsilon)}.",
                nameof(epsilon));
        Check.AtLeast(lambda, 0, nameof(lambda));
        using var scope = NewDisposeScope();
        var xHat = Safe.Plus(epsilon * real.detach(), Safe.RSub(1, epsilon) * fake.detach()).requires_grad_(true);
        var scores = critic(xHat);
        var grad = autograd.grad(new[] { scores.sum() }, new[] { xHat }, retain_graph: true, create_graph: true)[0];
        // linalg.vector_norm, as PyTorch's reference code (gradients.norm(2, dim=1)): its gradient at a zero norm is 0.
        // sqrt(sum of squares) has an infinite derivative there, and a ReLU critic whose units are all off at some x^
        // gives exactly that: the critic's update turned to NaN (WGAN-GP, lambda 10, seed 8, step 32).
        var norm = linalg.vector_norm(grad.reshape(n, -1), 2, new long[] { 1 });
        return Safe.Mul(Safe.Sub(norm, 1).square().mean(), lambda).MoveToOuterDisposeScope();
    }

    /// <summary>As above, drawing epsilon ~ U[0, 1] per sample from TorchSharp's global generator.</summary>
    public static Tensor GradientPenalty(Func<Tensor, Tensor> critic, Tensor real, Tensor fake, double lambda = 10)
    {
        Check.NotEmpty(real, nameof(real));
        var shape = Enumerable.Repeat(1L, (int)real.dim()).ToArray();
        shape[0] = real.shape[0];
        using var epsilon = rand(shape, dtype: real.dtype, device: real.device);
        return GradientPenalty(critic, real, fake, epsilon, lambda);
    }
}
