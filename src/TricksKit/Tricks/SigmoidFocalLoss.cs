using TorchSharp;
using static TorchSharp.torch;
using TricksKit.Modules;

namespace TricksKit
{
    public static partial class Losses
    {
        /// <summary>
        /// Binary (sigmoid) focal loss of RetinaNet (Lin et al. 2017), equal to <c>torchvision.ops.sigmoid_focal_loss</c>:
        /// <c>FL = -alpha_t (1 - p_t)^gamma log p_t</c> with p = sigmoid(logit), p_t = p if y = 1 else 1 - p,
        /// alpha_t = alpha if y = 1 else 1 - alpha; alpha &lt; 0 disables the weighting.
        /// </summary>
        /// <param name="gamma">focusing parameter, >= 0.</param>
        /// <param name="alpha">weight of the positive class in [0, 1], or negative for none.</param>
        /// <param name="reduction">Mean (default), Sum or None.</param>
        public static Loss<Tensor, Tensor, Tensor> SigmoidFocal(double gamma = 2.0, double alpha = 0.25,
            nn.Reduction reduction = nn.Reduction.Mean) => new SigmoidFocalLoss(gamma, alpha, reduction);
    }
}

namespace TricksKit.Modules
{
    /// <summary>Sigmoid focal loss; see <see cref="Losses.SigmoidFocal"/>. Input logits and targets of the same shape.</summary>
    public sealed class SigmoidFocalLoss : Loss<Tensor, Tensor, Tensor>
    {
        /// <summary>A sigmoid focal loss; see <see cref="Losses.SigmoidFocal"/>.</summary>
        public SigmoidFocalLoss(double gamma = 2.0, double alpha = 0.25, nn.Reduction reduction = nn.Reduction.Mean)
            : base(reduction)
        {
            Gamma = Check.AtLeast(gamma, 0, nameof(gamma));
            if (double.IsNaN(alpha) || alpha > 1)
                throw new ArgumentOutOfRangeException(nameof(alpha), alpha, $"alpha must be in [0, 1] (or negative for no weighting), got {alpha}.");
            Alpha = alpha;
        }

        /// <summary>gamma, the focusing parameter.</summary>
        public double Gamma { get; }
        /// <summary>alpha, the positives' weight (negative: none).</summary>
        public double Alpha { get; }

        /// <summary><c>-alpha_t (1 - p_t)^gamma log p_t</c> per element of logits against 0/1 targets of the same shape, reduced (= torchvision).</summary>
        public override Tensor forward(Tensor input, Tensor target)
        {
            Check.NotNull(input, nameof(input));
            Check.NotNull(target, nameof(target));
            Check.SameShape(input, nameof(input), target, nameof(target));
            using var scope = NewDisposeScope();
            var y = target.to_type(input.dtype);
            var p = input.sigmoid();
            var ce = nn.functional.binary_cross_entropy_with_logits(input, y, reduction: nn.Reduction.None);
            var notY = Safe.RSub(1, y);
            var pt = Safe.Plus(p * y, Safe.RSub(1, p) * notY);
            var loss = ce * Safe.Pow(Safe.RSub(1, pt), Gamma);
            if (Alpha >= 0) loss = Safe.Plus(Safe.Mul(y, Alpha), Safe.Mul(notY, 1 - Alpha)) * loss;
            return FocalLoss.Reduce(loss, reduction).MoveToOuterDisposeScope();
        }
    }
}
