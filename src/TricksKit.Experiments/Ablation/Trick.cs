namespace TricksKit.Experiments;

/// <summary>
/// A named trick of an ablation: what it does to a <see cref="Recipe"/> (<see cref="Apply"/>) and its paper.
/// <see cref="ClassifierTricks"/> holds the kit's. Immutable.
/// </summary>
/// <param name="Name">the trick as the table shows it ("batch norm").</param>
/// <param name="Apply">the recipe with the trick on.</param>
/// <param name="Paper">where it comes from ("Ioffe and Szegedy 2015").</param>
public sealed record Trick(string Name, Func<Recipe, Recipe> Apply, string Paper = "")
{
    /// <summary>The name.</summary>
    public override string ToString() => Name;
}
