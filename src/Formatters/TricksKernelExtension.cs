using Microsoft.DotNet.Interactive;

namespace TricksKit.Formatters;

/// <summary>
/// Loaded by .NET Interactive when this assembly comes as an extension package (under <c>interactive-extensions/dotnet</c>
/// in the NuGet package that <c>dotnet pack</c> makes): runs <see cref="TricksNotebook.Setup"/>.
/// </summary>
public sealed class TricksKernelExtension : IKernelExtension
{
    /// <summary>Runs <see cref="TricksNotebook.Setup"/> when the kernel loads the package.</summary>
    public Task OnLoadAsync(Kernel kernel)
    {
        TricksNotebook.Setup();
        return Task.CompletedTask;
    }
}
