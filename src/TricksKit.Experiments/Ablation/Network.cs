namespace TricksKit.Experiments;

/// <summary>
/// What an ablation's architectural tricks change in a network: the non-linearity and its initialisation, the norm,
/// the skip connections and dropout. A <see cref="Recipe"/>'s model factory builds its net from one; the default is the
/// plain net of the 1990s (tanh, Xavier, nothing else), the baseline the bag of tricks starts from. Immutable.
/// </summary>
/// <param name="Activation">the hidden non-linearity.</param>
/// <param name="Init">the weights' initialisation.</param>
/// <param name="Norm">the normalisation before each hidden activation.</param>
/// <param name="Skip">identity shortcuts around each block (He et al. 2016).</param>
/// <param name="Dropout">dropout probability before the classifier, in [0, 1).</param>
public sealed record Network(Activation Activation = Activation.Tanh, Init Init = Init.Xavier, Norm Norm = Norm.None, bool Skip = false, double Dropout = 0)
{
    /// <summary>The network in a few words ("tanh, Xavier init, no norm, no skip, no dropout").</summary>
    public override string ToString() =>
        $"{Activation.ToString().ToLowerInvariant()}, {Init} init, {(Norm == Norm.None ? "no norm" : Norm.ToString())}, {(Skip ? "skip connections" : "no skip")}, {(Dropout > 0 ? $"dropout {Dropout:0.##}" : "no dropout")}";
}
