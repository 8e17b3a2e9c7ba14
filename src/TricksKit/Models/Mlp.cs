using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace TricksKit;

/// <summary>Non-linearities the models can use.</summary>
public enum Activation
{
    /// <summary><c>max(x, 0)</c> (Nair and Hinton 2010).</summary>
    ReLU,
    /// <summary><c>1 / (1 + exp(-x))</c>.</summary>
    Sigmoid,
    /// <summary><c>tanh(x)</c>.</summary>
    Tanh,
}

/// <summary>Weight initialisation of the linear layers.</summary>
public enum Init
{
    /// <summary>TorchSharp's default: Kaiming-uniform with a = sqrt 5.</summary>
    Default,
    /// <summary>He et al. 2015: Kaiming-normal, fan-in, gain sqrt 2 (for ReLU); biases 0.</summary>
    He,
    /// <summary>Glorot and Bengio 2010: Xavier-uniform with the activation's gain; biases 0.</summary>
    Xavier,
}

/// <summary>Normalisation placed between each hidden linear layer and its activation.</summary>
public enum Norm
{
    /// <summary>No normalisation.</summary>
    None,
    /// <summary><see cref="Layers.BatchNorm"/> (Ioffe and Szegedy 2015).</summary>
    BatchNorm,
    /// <summary><see cref="Layers.GroupNorm"/> (Wu and He 2018).</summary>
    GroupNorm,
    /// <summary>Layer normalization (Ba, Kiros and Hinton 2016): <see cref="Layers.GroupNorm"/> with one group, as Wu and He compare it.</summary>
    LayerNorm,
}

/// <summary>Small reusable networks.</summary>
public static partial class Models
{
    /// <summary>
    /// A multi-layer perceptron <c>widths[0] - widths[1] - ... - widths[^1]</c>: each hidden layer is
    /// Linear, optional norm, activation, optional dropout; the last layer is a plain Linear (logits).
    /// </summary>
    /// <param name="widths">input width, hidden widths, output width (at least 2 entries, each >= 1).</param>
    /// <param name="activation">the hidden layers' non-linearity.</param>
    /// <param name="init">the linear layers' initialisation.</param>
    /// <param name="norm">the normalisation before each hidden activation.</param>
    /// <param name="dropout">dropout probability after each hidden activation, in [0, 1).</param>
    /// <param name="groups">groups for <see cref="Norm.GroupNorm"/> (must divide each hidden width).</param>
    public static Sequential Mlp(IReadOnlyList<int> widths, Activation activation = Activation.ReLU, Init init = Init.Default,
        Norm norm = Norm.None, double dropout = 0, int groups = 32)
    {
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count < 2) throw new ArgumentException($"widths must hold at least an input and an output width, got {widths.Count}.", nameof(widths));
        for (int i = 0; i < widths.Count; i++)
            if (widths[i] < 1) throw new ArgumentOutOfRangeException(nameof(widths), widths[i], $"widths[{i}] must be >= 1, got {widths[i]}.");
        Check.InRange(dropout, 0, 1, nameof(dropout));
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int i = 0; i + 1 < widths.Count; i++)
        {
            var linear = nn.Linear(widths[i], widths[i + 1]);
            bool hidden = i + 2 < widths.Count;
            Initialise(linear, init, hidden ? activation : Activation.Sigmoid);
            layers.Add(($"linear{i}", linear));
            if (!hidden) break;
            if (NormModule(norm, widths[i + 1], groups) is { } n) layers.Add(($"norm{i}", n));
            layers.Add(($"act{i}", ActivationModule(activation)));
            if (dropout > 0) layers.Add(($"drop{i}", Layers.Dropout(dropout)));
        }
        return nn.Sequential(layers);
    }

    /// <summary>A fresh module computing <paramref name="activation"/>.</summary>
    public static nn.Module<Tensor, Tensor> ActivationModule(Activation activation) => activation switch
    {
        Activation.ReLU => nn.ReLU(),
        Activation.Sigmoid => nn.Sigmoid(),
        Activation.Tanh => nn.Tanh(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "activation must be ReLU, Sigmoid or Tanh."),
    };

    /// <summary>The norm module over <paramref name="channels"/> (null for <see cref="Norm.None"/>); GN takes min(groups, channels) groups.</summary>
    internal static nn.Module<Tensor, Tensor>? NormModule(Norm norm, int channels, int groups) => norm switch
    {
        Norm.None => null,
        Norm.BatchNorm => Layers.BatchNorm(channels),
        Norm.GroupNorm => Layers.GroupNorm(Math.Min(groups, channels), channels),
        Norm.LayerNorm => Layers.GroupNorm(1, channels),
        _ => throw new ArgumentOutOfRangeException(nameof(norm), norm, "norm must be None, BatchNorm, GroupNorm or LayerNorm."),
    };

    internal static void Initialise(Linear linear, Init init, Activation activation) => Initialise(linear.weight, linear.bias, init, activation);

    /// <summary>Initialises a linear or convolution layer's weight (fan-in over its input channels and kernel) and bias.</summary>
    internal static void Initialise(Tensor weight, Tensor? bias, Init init, Activation activation)
    {
        using var noGrad = no_grad();
        switch (init)
        {
            case Init.He: nn.init.kaiming_normal_(weight, nonlinearity: nn.init.NonlinearityType.ReLU); bias?.zero_(); break;
            case Init.Xavier: nn.init.xavier_uniform_(weight, nn.init.calculate_gain(activation == Activation.Tanh ? nn.init.NonlinearityType.Tanh : nn.init.NonlinearityType.Sigmoid)); bias?.zero_(); break;
            case Init.Default: break;
            default: throw new ArgumentOutOfRangeException(nameof(init), init, "init must be Default, He or Xavier.");
        }
    }
}
