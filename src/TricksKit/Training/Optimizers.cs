using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>
/// SGD, Adam and RMSProp with PyTorch's update rules, written so that no TorchSharp <c>Scalar</c> is left to the
/// garbage collector in the middle of a native call. TorchSharp 0.107's own optimizers convert doubles to Scalars
/// implicitly (e.g. Adam's <c>exp_avg_sq.sqrt() / Math.Sqrt(bias_correction2)</c>); a GC during that call can
/// finalize the Scalar while libtorch still reads it, which fails at random with "Unknown scalar type" (seen here in
/// a notebook run). These keep every Scalar referenced until the call returns. They are TorchSharp optimizers
/// (subclasses), so <see cref="LrSchedule.Apply"/> drives them as usual.
/// </summary>
public static class Optimizers
{
    /// <summary>SGD with optional momentum (dampening 0, not Nesterov) and L2 weight decay, as <c>torch.optim.SGD</c>.</summary>
    public static optim.Optimizer Sgd(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double weightDecay = 0) =>
        new SafeSgd(parameters, Check.Positive(lr, nameof(lr)), Check.InRange(momentum, 0, 1, nameof(momentum)), Check.AtLeast(weightDecay, 0, nameof(weightDecay)));

    /// <summary>Adam (Kingma and Ba 2015) with bias correction and L2 weight decay, as <c>torch.optim.Adam</c>.</summary>
    public static optim.Optimizer Adam(IEnumerable<Parameter> parameters, double lr = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0) =>
        new SafeAdam(parameters, Check.Positive(lr, nameof(lr)), Check.InRange(beta1, 0, 1, nameof(beta1)), Check.InRange(beta2, 0, 1, nameof(beta2)),
            Check.Positive(eps, nameof(eps)), Check.AtLeast(weightDecay, 0, nameof(weightDecay)));

    /// <summary>RMSProp (Hinton), as <c>torch.optim.RMSprop</c> without momentum or centering.</summary>
    public static optim.Optimizer RmsProp(IEnumerable<Parameter> parameters, double lr = 1e-2, double alpha = 0.99, double eps = 1e-8) =>
        new SafeRmsProp(parameters, Check.Positive(lr, nameof(lr)), Check.InRange(alpha, 0, 1, nameof(alpha)), Check.Positive(eps, nameof(eps)));

    /// <summary>
    /// Runs <paramref name="update"/> for each parameter with a gradient, under no_grad and a dispose scope, with the
    /// group's rate and the parameter's TorchSharp state record (so <c>state_dict()</c>/<c>save_state_dict</c> carry it).
    /// </summary>
    internal static void ForEach<TState>(optim.Optimizer optimizer, Func<Parameter, TState> state, Action<Parameter, Tensor, double, TState> update)
    {
        using var noGrad = no_grad();
        foreach (var group in optimizer.ParamGroups.Cast<ParamGroup>())
        {
            double lr = ((optim.ILearningRateController)group).LearningRate;
            foreach (var p in group.Parameters)
            {
                if (p.grad is not { } grad) continue;
                using var scope = NewDisposeScope();
                update(p, grad, lr, state(p));
            }
        }
    }

    // The buffers live in the base class's per-parameter State records (SGD.State.momentum_buffer, Adam.State.exp_avg,
    // ...), as in TorchSharp's own step(): its state_dict(), save_state_dict and load_state_dict then save and restore
    // them, and its Dispose frees them.

    private sealed class SafeSgd : SGD
    {
        private readonly double momentum, weightDecay;

        public SafeSgd(IEnumerable<Parameter> ps, double lr, double momentum, double weightDecay)
            : base(ps.ToArray(), lr, momentum, weight_decay: weightDecay) => (this.momentum, this.weightDecay) = (momentum, weightDecay);

        public override Tensor step(Func<Tensor>? closure = null)
        {
            var loss = closure?.Invoke();
            using var wd = weightDecay.ToScalar();
            using var mom = momentum.ToScalar();
            ForEach(this, p => (State)_state[p.Handle], (p, grad, rate, state) =>
            {
                var g = weightDecay != 0 ? grad.add(p, wd) : grad;
                if (momentum != 0)
                {
                    if (state.momentum_buffer is { } buf) buf.mul_(mom).add_(g, Safe.One);
                    else state.momentum_buffer = buf = g.detach().clone().DetachFromDisposeScope();
                    g = buf;
                }
                using var step = (-rate).ToScalar();
                p.add_(g, step);
            });
            return loss!;
        }
    }

    private sealed class SafeAdam : TorchSharp.Modules.Adam
    {
        private readonly double beta1, beta2, eps, weightDecay;

        public SafeAdam(IEnumerable<Parameter> ps, double lr, double beta1, double beta2, double eps, double weightDecay)
            : base(ps.ToArray(), lr, beta1, beta2, eps, weightDecay) => (this.beta1, this.beta2, this.eps, this.weightDecay) = (beta1, beta2, eps, weightDecay);

        public override Tensor step(Func<Tensor>? closure = null)
        {
            var loss = closure?.Invoke();
            using var b1 = beta1.ToScalar();
            using var b2 = beta2.ToScalar();
            using var oneMinusB1 = (1 - beta1).ToScalar();
            using var oneMinusB2 = (1 - beta2).ToScalar();
            using var epsilon = eps.ToScalar();
            using var wd = weightDecay.ToScalar();
            ForEach(this, p => (State)_state[p.Handle], (p, grad, rate, state) =>
            {
                state.step++;
                using var sqrtBc2 = Math.Sqrt(1 - Math.Pow(beta2, state.step)).ToScalar();
                double bc1 = 1 - Math.Pow(beta1, state.step);
                var g = weightDecay != 0 ? grad.add(p, wd) : grad;
                state.exp_avg.mul_(b1).add_(g, oneMinusB1);
                state.exp_avg_sq.mul_(b2).addcmul_(g, g, oneMinusB2);
                var denom = state.exp_avg_sq.sqrt().div_(sqrtBc2).add_(epsilon, Safe.One);
                using var stepSize = (-rate / bc1).ToScalar();
                p.addcdiv_(state.exp_avg, denom, stepSize);
            });
            return loss!;
        }
    }

    private sealed class SafeRmsProp : RMSProp
    {
        private readonly double alpha, eps;

        public SafeRmsProp(IEnumerable<Parameter> ps, double lr, double alpha, double eps)
            : base(ps.ToArray(), lr, alpha, eps) => (this.alpha, this.eps) = (alpha, eps);

        public override Tensor step(Func<Tensor>? closure = null)
        {
            var loss = closure?.Invoke();
            using var a = alpha.ToScalar();
            using var oneMinusA = (1 - alpha).ToScalar();
            using var epsilon = eps.ToScalar();
            ForEach(this, p => (State)_state[p.Handle], (p, grad, rate, state) =>
            {
                state.step++;
                state.square_avg.mul_(a).addcmul_(grad, grad, oneMinusA);
                var avg = state.square_avg.sqrt().add_(epsilon, Safe.One);
                using var step = (-rate).ToScalar();
                p.addcdiv_(grad, avg, step);
            });
            return loss!;
        }
    }
}
