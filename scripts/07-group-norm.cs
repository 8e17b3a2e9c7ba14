// Script twin of notebooks/07-group-norm.ipynb: the same study (Tricks.Lab.Catalog.GroupNorm), no notebook host.
//   dotnet run scripts/07-group-norm.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/07-group-norm.json and beside it 07-group-norm.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.GroupNorm);
