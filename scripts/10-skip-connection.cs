// Script twin of notebooks/10-skip-connection.ipynb: the same study (Tricks.Lab.Catalog.SkipConnection), no notebook host.
//   dotnet run scripts/10-skip-connection.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/10-skip-connection.json and beside it 10-skip-connection.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.SkipConnection);
