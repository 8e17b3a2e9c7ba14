using System.Reflection;
using System.Runtime.Loader;

namespace TricksKit.Formatters;

/// <summary>
/// Plotly.NET 6 is built against FSharp.Core 10.1, but the notebook hosts (dotnet-interactive, dotnet-repl)
/// already carry FSharp.Core 10.0: without help the load of Plotly.NET fails. This maps every FSharp.Core request
/// that the default context cannot satisfy to the FSharp.Core already loaded. It must be installed before any
/// Plotly.NET type is touched, so it references none.
/// </summary>
internal static class FSharpCoreRedirect
{
    private static int installed;

    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) == 1) return;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "FSharp.Core"
                ? AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
                : null;
    }
}
