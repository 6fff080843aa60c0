using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimResourceOwner([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("type")] string Type);
