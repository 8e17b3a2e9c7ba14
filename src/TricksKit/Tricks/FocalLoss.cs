using TorchSharp;
using static TorchSharp.torch;
using TricksKit.Modules;

namespace TricksKit
{
    public static partial class Losses
    {
        /// <summary>
        /// Multi-class softmax focal loss (Lin et al. 2017, "Focal Loss for Dense Object Detection"):
        /// <c>FL(p_t) = -alpha_y (1 - p_t)^gamma log p_t</c>, p = softmax(logits), averaged over samples.
        /// gamma = 0 and no alpha is plain cross-entropy. The article: <c>loss = -log(p); loss = (1-p)^G * loss</c>.
        /// </summary>
        /// <param name="gamma">focusing parameter, >= 0.</param>
        /// <param name="alpha">optional per-class weights (one per class, each >= 0).</param>
        /// <param name="reduction">Mean (default), Sum or None (per sample).</param>
        public static Loss<Tensor, Tensor, Tensor> Focal(double gamma = 2.0, IReadOnlyList<double>? alpha = null,
            nn.Reduction reduction = nn.Reduction.Mean) => new FocalLoss(gamma, alpha, reduction);
    }
}

namespace TricksKit.Modules
{
    /// <summary>Softmax focal loss; see <see cref="Losses.Focal"/>. Input (N, C) logits, target (N) class indices.</summary>
    public sealed class FocalLoss : Loss<Tensor, Tensor, Tensor>
    {
        private readonly double[]? alpha;

        /// <summary>A softmax focal loss; see <see cref="Losses.Focal"/>.</summary>
        public FocalLoss(double gamma = 2.0, IReadOnlyList<double>? alpha = null, nn.Reduction reduction = nn.Reduction.Mean)
            : base(reduction)
        {
            Gamma = Check.AtLeast(gamma, 0, nameof(gamma));
            if (alpha is not null)
            {
                if (alpha.Count == 0) throw new ArgumentException("alpha must hold one weight per class, got none.", nameof(alpha));
                for (int i = 0; i < alpha.Count; i++)
                    if (double.IsNaN(alpha[i]) || alpha[i] < 0)
                        throw new ArgumentOutOfRangeException(nameof(alpha), alpha[i], $"alpha[{i}] must be >= 0, got {alpha[i]}.");
                this.alpha = alpha.ToArray();
            }
        }

        /// <summary>The focusing parameter gamma.</summary>
        public double Gamma { get; }

        /// <summary>The per-class weights, or null.</summary>
        public IReadOnlyList<double>? Alpha => alpha;

        /// <summary><c>-alpha_y (1 - p_y)^gamma log p_y</c> of (N, C) logits against (N) class indices, reduced.</summary>
        public override Tensor forward(Tensor input, Tensor target)
        {
            Check.Dims(input, nameof(input), 2);
            Check.ClassTargetShape(target, input.shape[0], nameof(target));
            if (alpha is not null && alpha.Length != input.shape[1])
                throw new ArgumentException($"alpha must hold one weight per class ({input.shape[1]}), got {alpha.Length}.", "alpha");
            using var scope = NewDisposeScope();
            var index = target.to_type(ScalarType.Int64).unsqueeze(1);
            var logPt = Check.IndexingBy(target, input.shape[1], nameof(target), () => nn.functional.log_softmax(input, 1).gather(1, index)).squeeze(1);
            var loss = -(Safe.Pow(Safe.RSub(1, logPt.exp()), Gamma) * logPt);
            if (alpha is not null)
                loss = loss * tensor(alpha, dtype: input.dtype, device: input.device).index_select(0, index.squeeze(1));
            return Reduce(loss, reduction).MoveToOuterDisposeScope();
        }

        internal static Tensor Reduce(Tensor loss, nn.Reduction reduction) => reduction switch
        {
            nn.Reduction.Mean => loss.mean(),
            nn.Reduction.Sum => loss.sum(),
            _ => loss.alias(),
        };
    }
}
