using System.Text.Json.Serialization;

namespace FullscriptPortal.Fullscript;

internal sealed record ClinicBody([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("name")] string? Name);
