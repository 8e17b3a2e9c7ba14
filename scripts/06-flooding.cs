// Script twin of notebooks/06-flooding.ipynb: the same study (Tricks.Lab.Catalog.Flooding), no notebook host.
//   dotnet run scripts/06-flooding.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/06-flooding.json and beside it 06-flooding.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.Flooding);
