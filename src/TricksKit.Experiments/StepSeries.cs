namespace TricksKit.Experiments;

/// <summary>The series a run records from its <see cref="TricksKit.Training.Callbacks.StepEvaluation"/>: the evaluated steps and the accuracy at each.</summary>
public static class StepSeries
{
    /// <summary>The series <c>eval_step</c>: the training step of each evaluation.</summary>
    public static readonly Series Step = new("eval_step", "training step of each evaluation");
    /// <summary>The series <c>test_accuracy</c>: the test accuracy at each evaluated step (fraction).</summary>
    public static readonly Series TestAccuracy = new("test_accuracy", "test accuracy at each evaluated step (fraction)");

    /// <summary>Records <paramref name="evaluation"/>'s points as <see cref="Step"/> and <see cref="TestAccuracy"/> of <paramref name="run"/>.</summary>
    public static void Record(ArmRun run, TricksKit.Training.Callbacks.StepEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(evaluation);
        run.Set(Step, evaluation.Points.Select(p => (double)p.Step).ToArray());
        run.Set(TestAccuracy, evaluation.Points.Select(p => p.Accuracy).ToArray());
    }
}
