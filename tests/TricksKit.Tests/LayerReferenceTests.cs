using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Tests;

public class LayerReferenceTests
{
    public static TheoryData<int> GroupNormCases => Reference.Numbers("group_norm");
    public static TheoryData<int> BatchNormCases => Reference.Numbers("batch_norm");

    [Theory, MemberData(nameof(GroupNormCases))]
    public void GroupNorm_matches_F_group_norm(int i)
    {
        var c = Reference.Case("group_norm", i);
        using var scope = NewDisposeScope();
        var x = c.T("input");
        var gn = Layers.GroupNorm((long)c.Num("groups"), x.shape[1], c.Num("eps"));
        gn.to(ScalarType.Float64);
        using (no_grad()) { gn.weight!.copy_(c.T("weight")); gn.bias!.copy_(c.T("bias")); }
        Reference.Close(c.T("expected"), gn.call(x));
        // float32 close
        var gn32 = Layers.GroupNorm((long)c.Num("groups"), x.shape[1], c.Num("eps"));
        using (no_grad()) { gn32.weight!.copy_(c.T("weight", ScalarType.Float32)); gn32.bias!.copy_(c.T("bias", ScalarType.Float32)); }
        Reference.Close(c.T("expected"), gn32.call(c.T("input", ScalarType.Float32)), 1e-4, "float32");
    }

    [Fact]
    public void GroupNorm_agrees_with_TorchSharp_once_its_affine_parameters_are_initialised()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(1);
        var x = randn(4, 6, 3, 3);
        var theirs = nn.GroupNorm(3, 6);
        // TorchSharp 0.107's nn.GroupNorm leaves weight and bias uninitialised (NaN or garbage outputs): set them
        // to PyTorch's 1 and 0 before comparing. Ours starts there.
        using (no_grad()) { theirs.weight!.fill_(1); theirs.bias!.fill_(0); }
        var ours = Layers.GroupNorm(3, 6);
        Assert.True(ours.weight!.eq(1).all().item<bool>() && ours.bias!.eq(0).all().item<bool>());
        Reference.Close(theirs.call(x), ours.call(x), 1e-5);
    }

    [Fact]
    public void GroupNorm_does_not_depend_on_the_batch()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(2);
        var x = randn(8, 4, 5);
        var gn = Layers.GroupNorm(2, 4);
        Reference.Close(gn.call(x)[..2], gn.call(x[..2]), 1e-6);
    }

    [Theory, MemberData(nameof(BatchNormCases))]
    public void BatchNorm_matches_F_batch_norm_in_training_and_evaluation(int i)
    {
        var c = Reference.Case("batch_norm", i);
        using var scope = NewDisposeScope();
        var x = c.T("input");
        var bn = Layers.BatchNorm(x.shape[1], c.Num("momentum"), c.Num("eps"));
        bn.to(ScalarType.Float64);
        using (no_grad()) { bn.weight.copy_(c.T("weight")); bn.bias.copy_(c.T("bias")); }
        bn.train();
        Reference.Close(c.T("expected_train"), bn.call(x), what: "train");
        Reference.Close(c.T("expected_running_mean"), bn.RunningMean, what: "running mean");
        Reference.Close(c.T("expected_running_var"), bn.RunningVar, what: "running var");
        bn.eval();
        Reference.Close(c.T("expected_eval"), bn.call(c.T("input_eval")), what: "eval");
    }

    [Fact]
    public void BatchNorm_agrees_with_TorchSharp_BatchNorm1d_and_2d()
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(4);
        foreach (var x in new[] { randn(16, 5), randn(6, 5, 3, 2) })
        {
            var ours = Layers.BatchNorm(5, 0.2);
            nn.Module<Tensor, Tensor> theirs = x.dim() == 2 ? nn.BatchNorm1d(5, momentum: 0.2) : nn.BatchNorm2d(5, momentum: 0.2);
            for (int step = 0; step < 3; step++) Reference.Close(theirs.call(x * (step + 1)), ours.call(x * (step + 1)), 1e-5, "train");
            var (rm, rv) = x.dim() == 2
                ? (((TorchSharp.Modules.BatchNorm1d)theirs).running_mean!, ((TorchSharp.Modules.BatchNorm1d)theirs).running_var!)
                : (((TorchSharp.Modules.BatchNorm2d)theirs).running_mean!, ((TorchSharp.Modules.BatchNorm2d)theirs).running_var!);
            Reference.Close(rm, ours.RunningMean, 1e-5, "running mean");
            Reference.Close(rv, ours.RunningVar, 1e-5, "running var");
            theirs.eval(); ours.eval();
            Reference.Close(theirs.call(x), ours.call(x), 1e-5, "eval");
        }
    }

    [Fact]
    public void Residual_matches_the_reference_linear_block()
    {
        var c = Reference.Cases("residual_linear")[0];
        using var scope = NewDisposeScope();
        var w = c.T("W");
        var body = nn.Linear(w.shape[1], w.shape[0], dtype: ScalarType.Float64);
        using (no_grad()) { body.weight.copy_(w); body.bias!.copy_(c.T("b")); }
        Reference.Close(c.T("expected"), Layers.Residual(body).call(c.T("input")));
    }

    [Fact]
    public void Residual_uses_the_projection_shortcut_when_given()
    {
        using var scope = NewDisposeScope();
        var x = ones(2, 3);
        var block = Layers.Residual(nn.Linear(3, 4), nn.Linear(3, 4));
        Assert.Equal(new long[] { 2, 4 }, block.call(x).shape);
        Assert.Equal(2, block.named_children().Count());
    }

    [Fact]
    public void Dropout_drops_a_share_near_p_keeps_the_expectation_and_is_the_identity_in_eval()
    {
        using var scope = NewDisposeScope();
        foreach (var p in new[] { 0.1, 0.5, 0.8 })
        {
            torch.manual_seed(7);
            var drop = Layers.Dropout(p);
            var x = full(200_000, 3.0);
            var y = drop.call(x);
            double dropped = y.eq(0).to_type(ScalarType.Float64).mean().item<double>();
            // n = 200k: the share's standard deviation is at most 0.0011; 5 sigma bounds.
            Assert.InRange(dropped, p - 0.006, p + 0.006);
            Assert.InRange(y.mean().item<float>(), 3 * (1 - 0.02), 3 * (1 + 0.02));
            var kept = y.masked_select(y.ne(0));
            Reference.Close(3 / (1 - p), kept.max().item<float>(), 1e-5, "scale");
            drop.eval();
            Assert.True(drop.call(x).eq(x).all().item<bool>());
        }
    }

    [Fact]
    public void Dropout_masks_repeat_with_the_seed()
    {
        using var scope = NewDisposeScope();
        var drop = Layers.Dropout(0.5);
        torch.manual_seed(11); var a = drop.call(ones(100));
        torch.manual_seed(11); var b = drop.call(ones(100));
        Assert.True(a.eq(b).all().item<bool>());
    }
}

public class LayerStateTests
{
    [Fact]
    public void Norm_layers_keep_PyTorch_state_names_and_follow_to_dtype()
    {
        var bn = Layers.BatchNorm(3);
        Assert.Equal(new[] { "weight", "bias" }, bn.named_parameters().Select(p => p.name));
        Assert.Equal(new[] { "running_mean", "running_var" }, bn.named_buffers().Select(b => b.name));
        bn.to(ScalarType.Float64);
        Assert.Equal(ScalarType.Float64, bn.weight.dtype);
        Assert.Equal(ScalarType.Float64, bn.RunningMean.dtype);
        var gn = Layers.GroupNorm(2, 4);
        Assert.Equal(new[] { "weight", "bias" }, gn.named_parameters().Select(p => p.name));
        Assert.Empty(Layers.GroupNorm(2, 4, affine: false).parameters());
    }

    public static TheoryData<string> NormLayers() => new() { "batch", "group" };

    private static nn.Module<Tensor, Tensor> Norm(string kind) => kind == "batch" ? Layers.BatchNorm(4) : Layers.GroupNorm(2, 4);

    [Theory]
    [MemberData(nameof(NormLayers))]
    public void After_to_float64_the_registered_parameters_are_the_ones_the_forward_pass_uses(string kind)
    {
        Kit.Init();
        torch.manual_seed(1);
        var layer = Norm(kind);
        layer.to(ScalarType.Float64);
        Assert.All(layer.named_parameters(), p => Assert.Equal(ScalarType.Float64, p.parameter.dtype));
        Assert.All(layer.state_dict(), kv => Assert.Equal(ScalarType.Float64, kv.Value.dtype));
        var x = randn(6, 4, 3, dtype: ScalarType.Float64);
        var before = layer.call(x).detach().clone();
        // An optimizer built from parameters() after the conversion changes what the forward pass computes.
        using var sgd = torch.optim.SGD(layer.parameters(), 0.5);
        layer.call(x).square().sum().backward();
        sgd.step();
        Assert.False(layer.call(x).allclose(before), "a step on parameters() left the output unchanged: they are stale copies");
        // Filling the named parameters sets the output: gamma 0, beta 3 gives 3 everywhere.
        using (no_grad())
        {
            layer.named_parameters().First(p => p.name == "weight").parameter.fill_(0.0);
            layer.named_parameters().First(p => p.name == "bias").parameter.fill_(3.0);
        }
        Assert.True(layer.call(x).eq(3.0).all().item<bool>(), "filling named_parameters() did not reach the forward pass");
    }

    [Theory]
    [MemberData(nameof(NormLayers))]
    public void A_state_dict_saved_and_loaded_into_a_fresh_layer_gives_identical_outputs(string kind)
    {
        Kit.Init();
        torch.manual_seed(2);
        var layer = Norm(kind);
        var x = randn(8, 4, 3);
        using (no_grad()) foreach (var p in layer.parameters()) p.uniform_(-1, 1);
        layer.call(x);                            // moves BN's running statistics
        layer.eval();
        var path = Path.Combine(Path.GetTempPath(), $"norm-{Guid.NewGuid():N}.dat");
        try
        {
            layer.save(path);
            var fresh = Norm(kind);
            fresh.load(path);
            fresh.eval();
            Assert.Equal(layer.call(x).data<float>().ToArray(), fresh.call(x).data<float>().ToArray());
        }
        finally { File.Delete(path); }
    }
}
