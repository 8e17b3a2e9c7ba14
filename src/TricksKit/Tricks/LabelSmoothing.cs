using TorchSharp;
using static TorchSharp.torch;
using TricksKit.Modules;

namespace TricksKit
{
    public static partial class Losses
    {
        /// <summary>
        /// Cross-entropy with label smoothing (Szegedy et al. 2016, "Rethinking the Inception Architecture"):
        /// targets <c>q = (1 - eps) onehot(y) + eps / C</c>, loss <c>-sum_c q_c log softmax(z)_c</c>, averaged over
        /// samples; equal to PyTorch's <c>F.cross_entropy(z, y, label_smoothing=eps)</c>. The article:
        /// <c>targets = (1 - label_smooth) * targets + label_smooth / num_classes</c>.
        /// </summary>
        /// <param name="smoothing">eps in [0, 1).</param>
        /// <param name="reduction">mean (default), sum or none over the samples.</param>
        public static Loss<Tensor, Tensor, Tensor> LabelSmoothing(double smoothing = 0.1,
            nn.Reduction reduction = nn.Reduction.Mean) => new LabelSmoothingLoss(smoothing, reduction);
    }
}

namespace TricksKit.Modules
{
    /// <summary>Label-smoothed cross-entropy; see <see cref="Losses.LabelSmoothing"/>.</summary>
    public sealed class LabelSmoothingLoss : Loss<Tensor, Tensor, Tensor>
    {
        /// <summary>A label-smoothed cross-entropy; see <see cref="Losses.LabelSmoothing"/>.</summary>
        public LabelSmoothingLoss(double smoothing = 0.1, nn.Reduction reduction = nn.Reduction.Mean) : base(reduction)
        {
            Smoothing = Check.InRange(smoothing, 0, 1, nameof(smoothing));
        }

        /// <summary>epsilon, the probability mass spread over all classes.</summary>
        public double Smoothing { get; }

        /// <summary>The smoothed target distribution <c>(1 - eps) onehot(y) + eps / C</c>, shape (N, C), in <paramref name="dtype"/> (default float64).</summary>
        public static Tensor SmoothTargets(Tensor target, long classes, double smoothing, ScalarType? dtype = null)
        {
            Check.InRange(smoothing, 0, 1, nameof(smoothing));
            Check.Positive(classes, nameof(classes));
            Check.ClassTargetShape(target, target.shape.Length == 1 ? target.shape[0] : -1, nameof(target));
            using var scope = NewDisposeScope();
            var onehot = Check.IndexingBy(target, classes, nameof(target), () => nn.functional.one_hot(target.to_type(ScalarType.Int64), classes)).to_type(dtype ?? ScalarType.Float64);
            return Safe.Add(Safe.Mul(onehot, 1 - smoothing), smoothing / classes).MoveToOuterDisposeScope();
        }

        /// <summary>Cross-entropy of (N, C) logits against the smoothed targets <c>(1 - eps) onehot(y) + eps / C</c>, reduced.</summary>
        public override Tensor forward(Tensor input, Tensor target)
        {
            Check.Dims(input, nameof(input), 2);
            Check.ClassTargetShape(target, input.shape[0], nameof(target));
            using var scope = NewDisposeScope();
            var q = SmoothTargets(target, input.shape[1], Smoothing, input.dtype);
            var loss = -(q * nn.functional.log_softmax(input, 1)).sum(1);
            return FocalLoss.Reduce(loss, reduction).MoveToOuterDisposeScope();
        }
    }
}
