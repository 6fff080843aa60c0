using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimClinicBody([property: JsonPropertyName("id")] string Id, [property: JsonPropertyName("name")] string Name);
