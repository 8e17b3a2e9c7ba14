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
/// leave-one-out the full stack, set against it).
/// </summary>
public sealed record AblationStage(string Name, StageKind Kind, Trick? Trick, Recipe Recipe, string? Reference);
