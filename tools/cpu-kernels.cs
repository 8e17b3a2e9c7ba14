// Which environment variables change libtorch's rounding on this CPU. Prints one hash per kernel family (oneDNN's
// convolution forward and backward, MKL's matmul, ATen's vectorised tanh) at one libtorch thread, fixed seed:
//   dotnet run tools/cpu-kernels.cs
//   ONEDNN_MAX_CPU_ISA=AVX2 ATEN_CPU_CAPABILITY=avx2 MKL_CBWR=AVX2 dotnet run tools/cpu-kernels.cs
// Two machines give the same notebook numbers only where every hash agrees (docs/design-log.md, session 16).
#:project ../src/TricksKit/TricksKit.csproj
using TorchSharp;
using static TorchSharp.torch;

TricksKit.Kit.Init();
using var scope = NewDisposeScope();
var g = new Generator(1);
var x = rand(new long[] { 32, 8, 14, 14 }, generator: g).requires_grad_(true);
var w = randn(new long[] { 8, 8, 3, 3 }, generator: g).requires_grad_(true);
var a = randn(new long[] { 256, 300 }, generator: g);
var b = randn(new long[] { 300, 200 }, generator: g);
var y = nn.functional.conv2d(x, w, padding: new long[] { 1, 1 });
y.tanh().square().sum().backward();
Console.WriteLine($"conv forward {Hash(y)}  conv backward dx {Hash(x.grad!)} dw {Hash(w.grad!)}  matmul {Hash(a.matmul(b))}  tanh {Hash(y.tanh())}");

/// <summary>The first 12 hex digits of the SHA-256 of the float32 bytes (as <c>TrainingCheckpoint.Fingerprint</c> hashes data): any change of rounding anywhere changes it.</summary>
static string Hash(Tensor t) =>
    Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Runtime.InteropServices.MemoryMarshal.AsBytes(t.detach().contiguous().data<float>().ToArray().AsSpan())))[..12];
