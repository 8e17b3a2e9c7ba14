using System.Text.RegularExpressions;
using TorchSharp;
using static TorchSharp.torch;

namespace TricksKit.Tests;

/// <summary>
/// Every module the kit builds behaves as TorchSharp's own modules do under <c>.to(dtype)</c>, <c>parameters()</c>,
/// <c>state_dict</c>/<c>load</c> and <c>train()</c>/<c>eval()</c>. (Devices: no GPU here, and libtorch's <c>meta</c>
/// device lacks kernels the layers use (<c>var</c>, <c>log_sigmoid</c>) and aborts the process; see
/// <see cref="DeviceAgnosticTests"/>.)
/// </summary>
public class ModuleBehaviourTests
{
    private sealed record Case(Func<nn.Module<Tensor, Tensor>> Build, long[] InputShape);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["BatchNorm"] = new(() => Layers.BatchNorm(4), new long[] { 8, 4, 3 }),
        ["GroupNorm"] = new(() => Layers.GroupNorm(2, 4), new long[] { 8, 4, 3 }),
        ["Dropout"] = new(() => Layers.Dropout(0.3), new long[] { 8, 4 }),
        ["Residual"] = new(() => Layers.Residual(nn.Sequential(nn.Linear(4, 4), Layers.BatchNorm(4)), nn.Linear(4, 4)), new long[] { 8, 4 }),
        ["Mlp+BatchNorm+Dropout"] = new(() => Models.Mlp(new[] { 6, 8, 8, 3 }, norm: Norm.BatchNorm, dropout: 0.2, init: Init.He), new long[] { 8, 6 }),
        ["Mlp+GroupNorm"] = new(() => Models.Mlp(new[] { 6, 8, 3 }, activation: Activation.Tanh, norm: Norm.GroupNorm, groups: 4, init: Init.Xavier), new long[] { 8, 6 }),
        ["DeepStack"] = new(() => Models.DeepStack(6, 8, 3, 3, residual: true), new long[] { 8, 6 }),
        ["SmallCnn"] = new(() => Models.SmallCnn(1, 3, 2), new long[] { 2, 1, 28, 28 }),
        ["Generator"] = new(() => Models.Generator(4, 8, 2, 2), new long[] { 8, 4 }),
        ["Critic"] = new(() => Models.Critic(2, 8, 2), new long[] { 8, 2 }),
    };

    public static TheoryData<string> Names() => new(Cases.Keys);

    private static nn.Module<Tensor, Tensor> Build(string name, int seed)
    {
        Kit.Init();
        torch.manual_seed(seed);
        return Cases[name].Build();
    }

    private static Tensor Input(string name, ScalarType dtype = ScalarType.Float32, Device? device = null)
    {
        var g = new Random(5);
        var shape = Cases[name].InputShape;
        var values = Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(_ => (float)(g.NextDouble() * 4 - 2)).ToArray();
        return tensor(values).reshape(shape).to(dtype, device ?? CPU);
    }

    [Theory, MemberData(nameof(Names))]
    public void To_float64_converts_every_parameter_and_buffer_and_computes_what_float32_computes(string name)
    {
        using var scope = NewDisposeScope();
        var single = Build(name, 1);
        var dbl = Build(name, 1);
        dbl.to(ScalarType.Float64);
        Assert.All(dbl.parameters(), p => Assert.Equal(ScalarType.Float64, p.dtype));
        Assert.All(dbl.buffers(), b => Assert.True(b.dtype == ScalarType.Float64 || !b.is_floating_point(), $"buffer {b.dtype}"));
        Assert.All(dbl.state_dict(), kv => Assert.True(kv.Value.dtype == ScalarType.Float64 || !kv.Value.is_floating_point(), kv.Key));
        single.eval(); dbl.eval();
        var y = dbl.call(Input(name, ScalarType.Float64));
        Assert.Equal(ScalarType.Float64, y.dtype);
        Reference.Close(single.call(Input(name)).to_type(ScalarType.Float64), y, 1e-4, name);
    }

    [Theory, MemberData(nameof(Names))]
    public void After_to_float64_an_optimizer_on_parameters_trains_what_the_forward_pass_uses(string name)
    {
        using var scope = NewDisposeScope();
        var module = Build(name, 2);
        module.to(ScalarType.Float64);
        var x = Input(name, ScalarType.Float64);
        module.eval();
        var before = module.call(x).detach().clone();
        if (!module.parameters().Any())
        {
            Assert.True(module.call(x).eq(before).all().item<bool>(), "a module without parameters changed between evaluations");
            return;
        }
        module.train();
        using var sgd = Optimizers.Sgd(module.parameters(), 0.1);
        torch.manual_seed(3);
        module.call(x).square().mean().backward();
        // Every registered parameter took part in the forward pass (a stale copy would have no gradient).
        Assert.All(module.named_parameters(), p => Assert.True(p.parameter.grad is not null, $"{p.name} got no gradient: not the tensor the forward pass used"));
        sgd.step();
        module.eval();
        Assert.False(module.call(x).allclose(before), "a step on parameters() left the output unchanged");
    }

    [Theory, MemberData(nameof(Names))]
    public void A_saved_state_loaded_into_a_fresh_module_gives_identical_outputs(string name)
    {
        using var scope = NewDisposeScope();
        var module = Build(name, 4);
        module.to(ScalarType.Float64);
        var x = Input(name, ScalarType.Float64);
        using (no_grad())
        {
            foreach (var p in module.parameters()) p.add_(rand_like(p).sub_(0.5));
            module.train();
            module.call(x);                                // moves the running statistics of BN layers
        }
        module.eval();
        var path = Path.Combine(Path.GetTempPath(), $"module-{Guid.NewGuid():N}.dat");
        try
        {
            module.save(path);
            var fresh = Build(name, 99);
            fresh.to(ScalarType.Float64);
            fresh.load(path);
            fresh.eval();
            Assert.Equal(module.state_dict().Keys, fresh.state_dict().Keys);
            Assert.Equal(module.call(x).data<double>().ToArray(), fresh.call(x).data<double>().ToArray());
        }
        finally { File.Delete(path); }
    }

    [Theory, MemberData(nameof(Names))]
    public void Train_and_eval_reach_every_submodule_and_eval_is_deterministic(string name)
    {
        using var scope = NewDisposeScope();
        var module = Build(name, 5);
        var x = Input(name);
        module.eval();
        Assert.All(module.modules(), m => Assert.False(m.training, $"{m.GetName()} still in training mode after eval()"));
        Assert.True(module.call(x).eq(module.call(x)).all().item<bool>(), "two evaluations of the same input differ");
        // In evaluation the output of a sample does not depend on the rest of the batch (running statistics, no dropout).
        Reference.Close(module.call(x)[..2], module.call(x[..2]), 1e-6, name);
        module.train();
        Assert.All(module.modules(), m => Assert.True(m.training, $"{m.GetName()} not in training mode after train()"));
    }
}

/// <summary>The kit's losses follow their input's dtype and device as TorchSharp's own losses do.</summary>
public class LossBehaviourTests
{
    private static readonly Dictionary<string, Func<Loss<Tensor, Tensor, Tensor>>> Losses_ = new()
    {
        ["Focal"] = () => Losses.Focal(2.0, new[] { 0.2, 0.3, 0.5 }),
        ["LabelSmoothing"] = () => Losses.LabelSmoothing(0.1),
        ["Flooded"] = () => Losses.Flooded(Losses.LabelSmoothing(0.1), 0.3),
        ["SigmoidFocal"] = () => Losses.SigmoidFocal(2.0, 0.25),
    };

    public static TheoryData<string> Names() => new(Losses_.Keys);

    private static (Tensor Input, Tensor Target) Batch(string name, ScalarType dtype, Device device)
    {
        var input = tensor(new float[] { 0.5f, -1, 2, 0.1f, 0.2f, -0.3f, 3, 0, -2, 1, 1, 1 }).reshape(4, 3);
        var target = name == "SigmoidFocal"
            ? tensor(new float[] { 1, 0, 0, 0, 1, 0, 0, 0, 1, 1, 0, 0 }).reshape(4, 3).to(dtype, device)
            : tensor(new long[] { 2, 0, 1, 2 }).to(device);
        return (input.to(dtype, device), target);
    }

    [Theory, MemberData(nameof(Names))]
    public void A_float64_input_gives_a_float64_loss_equal_to_float32(string name)
    {
        Kit.Init();
        using var scope = NewDisposeScope();
        var loss = Losses_[name]();
        var (x64, t64) = Batch(name, ScalarType.Float64, CPU);
        var (x32, t32) = Batch(name, ScalarType.Float32, CPU);
        var l64 = loss.call(x64, t64);
        Assert.Equal(ScalarType.Float64, l64.dtype);
        Assert.Equal(l64.ItemAsDouble(), loss.call(x32, t32).ItemAsDouble(), 5);
    }
}

/// <summary>
/// Nothing in the kit creates a tensor on a fixed device: every factory call (<c>tensor</c>, <c>zeros</c>, <c>randn</c>,
/// ...) names the device of its inputs or module, except where data is first loaded (Data/: on the CPU, which
/// <see cref="Trainer.Fit"/> moves to the model) and module constructors (built on the CPU and moved with <c>.to</c>,
/// as TorchSharp's own, unless given a device). A source check, because this machine has no GPU to catch one at run time.
/// </summary>
public class DeviceAgnosticTests
{
    private static readonly Regex Factory = new(@"(?<![\w.])(tensor|zeros|ones|full|arange|randn|rand|empty|linspace|randint|eye|zeros_like_cpu)\(", RegexOptions.Compiled);

    [Fact]
    public void Every_tensor_factory_call_in_the_kit_names_a_device()
    {
        var root = Path.Combine(Tricks.Lab.Repository.TryFindRoot()!, "src", "TricksKit");
        var loaders = new[] { "Data/FashionMnist.cs", "Data/CsvData.cs", "Data/TabularCsv.cs", "Data/ImageFolder.cs", "Data/Idx.cs", "Data/Synthetic.cs" };   // loaders read into host memory
        var offenders = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (rel.StartsWith("obj/") || rel.StartsWith("bin/") || loaders.Contains(rel)) continue;
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                var line = lines[i].Trim();
                if (line.StartsWith("//") || !Factory.IsMatch(line) || line.Contains("device")) continue;
                offenders.Add($"{rel}:{i + 1}: {line}");
            }
        }
        Assert.True(offenders.Count == 0, "tensor factories without a device:\n" + string.Join("\n", offenders));
    }
}
