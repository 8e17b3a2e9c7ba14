// PlotlyHtml's "plotly.js already sent" flag is process-wide: tests that reset it must not interleave.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
