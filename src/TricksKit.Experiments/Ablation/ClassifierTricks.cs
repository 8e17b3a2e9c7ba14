namespace TricksKit.Experiments;

/// <summary>
/// The kit's classification tricks as <see cref="Trick"/>s on a <see cref="Recipe"/>, in the order the bag-of-tricks
/// notebook stacks them (<see cref="Standard"/>). Focal loss (a detector's loss for rare positives) and the Wasserstein
/// GAN (a generative model's loss) do not apply to a balanced classifier and are not here.
/// </summary>
public static class ClassifierTricks
{
    /// <summary>ReLU with He initialisation in place of tanh with Xavier (Glorot, Bordes and Bengio 2011; He et al. 2015).</summary>
    public static readonly Trick ReluHe = new("ReLU + He init", r => r with { Network = r.Network with { Activation = Activation.ReLU, Init = Init.He } },
        "Glorot, Bordes and Bengio 2011; He et al. 2015");

    /// <summary>Batch normalization before each hidden activation (Ioffe and Szegedy 2015).</summary>
    public static readonly Trick BatchNorm = new("batch norm", r => r with { Network = r.Network with { Norm = Norm.BatchNorm } }, "Ioffe and Szegedy 2015");

    /// <summary>Identity shortcuts around each block (He et al. 2016).</summary>
    public static readonly Trick SkipConnections = new("skip connections", r => r with { Network = r.Network with { Skip = true } }, "He et al. 2016");

    /// <summary>Dropout with probability <paramref name="p"/> before the classifier (Srivastava et al. 2014).</summary>
    public static Trick Dropout(double p = 0.2)
    {
        Check.InRange(p, 0, 1, nameof(p));
        return new($"dropout {p:0.##}", r => r with { Network = r.Network with { Dropout = p } }, "Srivastava et al. 2014");
    }

    /// <summary>Cosine annealing of the rate from its peak to 0 over the run (Loshchilov and Hutter 2017; He et al. 2019 Sec. 5.1).</summary>
    public static readonly Trick Cosine = new("cosine schedule", r => r with { Schedule = (rate, steps) => Schedules.Cosine(rate, 0, steps) },
        "Loshchilov and Hutter 2017");

    /// <summary>Label smoothing with <paramref name="eps"/> (Szegedy et al. 2016; He et al. 2019 Sec. 5.2).</summary>
    public static Trick LabelSmoothing(double eps = 0.1)
    {
        Check.InRange(eps, 0, 1, nameof(eps));
        return new($"label smoothing {eps:0.##}", r => r with { LabelSmoothing = eps }, "Szegedy et al. 2016");
    }

    /// <summary>Flooding at level <paramref name="b"/> (Ishida et al. 2020): only helps once the training loss would fall below b.</summary>
    public static Trick Flooding(double b)
    {
        Check.Positive(b, nameof(b));
        return new($"flooding {b:0.###}", r => r with { FloodLevel = b }, "Ishida et al. 2020");
    }

    /// <summary>
    /// The stack in the bag-of-tricks notebook's order: ReLU and He init, batch norm, skip connections, dropout 0.2,
    /// the cosine schedule, label smoothing 0.1.
    /// </summary>
    public static IReadOnlyList<Trick> Standard { get; } = new[] { ReluHe, BatchNorm, SkipConnections, Dropout(0.2), Cosine, LabelSmoothing(0.1) };
}
