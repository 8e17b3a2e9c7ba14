using Xunit;

namespace Tricks.Notebooks.Tests;

/// <summary>
/// The tests that rebuild artifacts/kit/ (a script twin's <c>dotnet run</c>) or need it unchanged for their length (the
/// runner's reuse of unchanged notebooks, which fingerprints the kit's files): xunit runs one collection's classes one
/// after another, never side by side. Seen once: RunnerReuseTests' second run found Tricks.Formatters.dll changed.
/// </summary>
[CollectionDefinition(Name)]
public sealed class KitBuildCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "rebuilds or fingerprints artifacts/kit";
}
