// The F# twin of one trick (04-relu): the same study, claims and outputs as scripts/04-relu.cs, from dotnet fsi.
//   dotnet fsi scripts/tour.fsx --seeds 30,31,32         (or TRICKS_MODE / TRICKS_SEEDS; --mode full; --results DIR)
// Loads what ./build.sh setup writes to artifacts/kit/; prints each claim with its control, writes the results JSON and
// a standalone HTML report beside it, and exits 0 when every claim passed, 1 when one failed, 2 on bad arguments.
#r "../artifacts/kit/TorchSharp.dll"
#r "../artifacts/kit/TricksKit.dll"
#r "../artifacts/kit/TricksKit.Experiments.dll"
#r "../artifacts/kit/Plotly.NET.dll"
#r "../artifacts/kit/Tricks.Formatters.dll"
#r "../artifacts/kit/Tricks.Lab.dll"

open Tricks.Lab

let args = fsi.CommandLineArgs |> Array.skip 1
exit (StudyScript.Main(args, Catalog.Relu))
