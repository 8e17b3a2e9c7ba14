using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>The L2 norm of one parameter's gradient.</summary>
public sealed record LayerGradientNorm(string Parameter, double Norm);

public static partial class Metrics
{
    /// <summary>
    /// The L2 norm of each weight matrix's gradient (parameters with 2 or more dimensions, in module order), after a
    /// backward pass: the evidence of vanishing gradients through sigmoid layers.
    /// </summary>
    public static IReadOnlyList<LayerGradientNorm> GradientNorms(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return model.named_parameters()
            .Where(p => p.parameter.dim() >= 2)
            .Select(p => new LayerGradientNorm(p.name, p.parameter.grad is { } g ? g.norm().to_type(ScalarType.Float64).item<double>() : 0.0))
            .ToArray();
    }
}
