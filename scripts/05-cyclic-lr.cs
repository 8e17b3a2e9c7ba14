// Script twin of notebooks/05-cyclic-lr.ipynb: the same study (Tricks.Lab.Catalog.CyclicLr), no notebook host.
//   dotnet run scripts/05-cyclic-lr.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/05-cyclic-lr.json and beside it 05-cyclic-lr.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.CyclicLr);
