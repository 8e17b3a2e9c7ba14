// Script twin of notebooks/11-bag-of-tricks.ipynb: the same study (Tricks.Lab.Catalog.BagOfTricks), no notebook host.
//   dotnet run scripts/11-bag-of-tricks.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints the ablation table and the claim with its control, writes artifacts/results/11-bag-of-tricks.json and beside it
// 11-bag-of-tricks.html (a standalone report), exits 1 when the claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.BagOfTricks);
