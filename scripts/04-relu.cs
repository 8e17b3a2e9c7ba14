// Script twin of notebooks/04-relu.ipynb: the same study (Tricks.Lab.Catalog.Relu), no notebook host.
//   dotnet run scripts/04-relu.cs -- --mode quick --seeds 3,4,5     (or TRICKS_MODE / TRICKS_SEEDS)
// Prints each claim with its control, writes artifacts/results/04-relu.json and beside it 04-relu.html (a standalone report: the
// paper's figures from this run, then the verdicts; opens offline), exits 1 when a claim fails.
#:project ../src/Tricks.Lab/Tricks.Lab.csproj
return Tricks.Lab.StudyScript.Main(args, Tricks.Lab.Catalog.Relu);
