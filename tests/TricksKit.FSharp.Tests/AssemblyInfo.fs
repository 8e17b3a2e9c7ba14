module TricksKit.FSharp.Tests.AssemblyInfo

// TorchSharp's random generator and thread count are process-wide: tests must not interleave.
[<assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)>]
do ()
