using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace TricksKit.Experiments.Execution;

/// <summary>How run records travel between processes and shard files: JSON whose doubles round-trip exactly (NaN and infinities named).</summary>
internal static class RecordJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Explicit: file-based apps (the script twins) turn reflection-based serialization off by default.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };
}
