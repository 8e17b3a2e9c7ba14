// Trains a small conv net (oneDNN's convolutions, ATen's tanh, MKL's matrix products) for a few SGD steps on fixed
// random data and prints one line: the SHA-256 of every loss and final weight, then the kernels used
// (CpuKernels.Report). Usage: KernelProbe pinned|native. KernelTests compares the hash across emulated CPUs.
using System.Security.Cryptography;
using TorchSharp;
using TricksKit;
using static TorchSharp.torch;

if (args.Length != 1) { Console.Error.WriteLine("usage: KernelProbe pinned|native"); return 2; }
var dispatch = args[0] switch { "pinned" => KernelDispatch.Pinned, "native" => KernelDispatch.Native, _ => (KernelDispatch?)null };
if (dispatch is null) { Console.Error.WriteLine($"the argument must be 'pinned' or 'native', got '{args[0]}'"); return 2; }
Kit.Init(1, dispatch);
torch.manual_seed(7);
var net = nn.Sequential(
    nn.Conv2d(1, 8, 3, padding: 1), nn.Tanh(), nn.Conv2d(8, 8, 3, padding: 1), nn.Tanh(), nn.Flatten(),
    nn.Linear(8 * 14 * 14, 64), nn.Tanh(), nn.Linear(64, 10));
var optimizer = optim.SGD(net.parameters(), 0.05);
var g = new Generator(11);
using var x = randn(new long[] { 32, 1, 14, 14 }, generator: g);
using var y = randint(0, 10, new long[] { 32 }, generator: g);
var bytes = new List<byte>();
for (int step = 0; step < 12; step++)
{
    using var scope = NewDisposeScope();
    optimizer.zero_grad();
    var loss = nn.functional.cross_entropy(net.call(x), y);
    loss.backward();
    optimizer.step();
    bytes.AddRange(BitConverter.GetBytes(loss.item<float>()));
}
foreach (var p in net.parameters())
    bytes.AddRange(System.Runtime.InteropServices.MemoryMarshal.AsBytes(p.detach().contiguous().data<float>().ToArray().AsSpan()).ToArray());
var r = CpuKernels.Report();
Console.WriteLine($"hash={Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray()))} cpu={r.CpuVendor}/{r.CpuIsa} kernels={r.Dispatch} aten={r.Aten} mkl={r.Mkl} onednn={r.OneDnn}");
return 0;
