using TorchSharp;
using TricksKit.Data;
using TricksKit.Training.Callbacks;
using Xunit;

namespace TricksKit.Tests;

/// <summary>A run timed to a target may stop there (<see cref="StepEvaluation"/>'s <c>stopAt</c>): the steps before are those of a full run.</summary>
public class StepStopTests
{
    private static (TrainingHistory History, StepEvaluation Evaluation) Train(double? stopAt)
    {
        Kit.Init(1);
        using var data = TestData.Separable(512, 1);
        torch.manual_seed(7);
        using var model = Models.Mlp(new[] { 20, 32, 3 });
        var eval = new StepEvaluation(data, every: 4, stopAt: stopAt);
        var h = Trainer.Fit(model, data, data, new TrainingOptions { Epochs = 3, BatchSize = 32, Seed = 7, Schedule = Schedules.Constant(0.2), Callbacks = new TrainingCallback[] { eval } });
        return (h, eval);
    }

    [Fact]
    public void A_run_stopped_at_its_target_took_the_same_steps_as_the_full_run_up_to_it()
    {
        var (full, fullEval) = Train(null);
        double target = 0.6, reached = fullEval.StepsTo(target, double.NaN);
        Assert.True(reached < full.StepLoss.Count, $"the full run must reach {target} before its end to test the stop (reached at {reached})");
        var (stopped, stoppedEval) = Train(target);
        Assert.Equal(reached, stoppedEval.StepsTo(target, double.NaN));
        Assert.Equal((int)reached, stopped.StepLoss.Count);                       // it ended at that step, mid-epoch
        Assert.Equal(full.StepLoss.Take((int)reached), stopped.StepLoss);          // and everything before it is the full run's
        Assert.Equal(fullEval.Points.Take(stoppedEval.Points.Count), stoppedEval.Points);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_stop_accuracy_outside_0_to_1_is_refused_by_name(double stopAt)
    {
        using var data = TestData.Separable(8, 1);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new StepEvaluation(data, every: 1, stopAt: stopAt));
        Assert.Equal("stopAt", e.ParamName);
    }
}
