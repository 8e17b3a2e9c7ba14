using TorchSharp;
using TricksKit.Data;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>The one evaluation path: chunked logits in evaluation mode, the caller's mode restored, data moved to the model.</summary>
public class EvaluationTests
{
    [Fact]
    public void Logits_in_chunks_equal_one_pass_in_evaluation_mode_and_the_training_mode_comes_back()
    {
        Kit.Init(1);
        using var scope = NewDisposeScope();
        torch.manual_seed(2);
        var model = Models.Mlp(new[] { 6, 16, 3 }, norm: Norm.BatchNorm, dropout: 0.5);
        model.train();
        model.call(randn(64, 6));                                  // running statistics away from their start
        var x = randn(2 * Evaluation.ChunkSize + 37, 6);
        var logits = Evaluation.Logits(model, x);
        Assert.True(model.training, "the model was left in evaluation mode");
        model.eval();
        Reference.Close(model.call(x), logits, 1e-6, "chunked vs one pass");
        Assert.Equal(new long[] { 2 * Evaluation.ChunkSize + 37, 3 }, logits.shape);
        Assert.False(Evaluation.Logits(model, x).requires_grad);
    }

    [Fact]
    public void Loss_and_accuracy_match_the_functional_cross_entropy_and_data_go_to_the_model_dtype()
    {
        Kit.Init(1);
        using var scope = NewDisposeScope();
        torch.manual_seed(3);
        var model = Models.Mlp(new[] { 4, 8, 3 });
        model.to(ScalarType.Float64);
        using var data = new LabeledData(randn(50, 4), randint(0, 3, 50), new[] { "a", "b", "c" });
        var logits = Evaluation.Logits(model, data);
        Assert.Equal(ScalarType.Float64, logits.dtype);
        var (loss, accuracy) = Evaluation.LossAndAccuracy(model, data.Features.to_type(ScalarType.Float64), data.Labels);
        Assert.Equal(nn.functional.cross_entropy(logits, data.Labels).item<double>(), loss, 12);
        Assert.Equal(Metrics.Accuracy(logits, data.Labels), accuracy);
    }
}
