namespace TricksKit.Experiments;

/// <summary>How an <see cref="AblationStage"/> was built.</summary>
public enum StageKind
{
    /// <summary>The recipe with no trick on.</summary>
    Baseline,
    /// <summary>The tricks up to and including <see cref="AblationStage.Trick"/>, in order.</summary>
    Cumulative,
    /// <summary>Every trick but <see cref="AblationStage.Trick"/>.</summary>
    LeaveOneOut,
}

/// <summary>
/// One arm of an ablation: its name, how it was built, the trick it adds (cumulative) or leaves out (leave-one-out),
/// the recipe it trains, and the stage it is compared with (<see cref="Reference"/>: the previous stage, or for a
/// leave-one-out the full stack, set against it). <see cref="SameAs"/> names another stage that trains the same recipe
/// with the same seeds (the full stack without its last trick is the cumulative stage before it, at the same rate): that
/// stage's arm serves both, so it is trained once.
/// </summary>
public sealed record AblationStage(string Name, StageKind Kind, Trick? Trick, Recipe Recipe, string? Reference, string? SameAs = null)
{
    /// <summary>The arm whose runs this stage reads: <see cref="SameAs"/>, else its own.</summary>
    public string Arm => SameAs ?? Name;
}
