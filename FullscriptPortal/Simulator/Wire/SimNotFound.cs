using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimNotFound([property: JsonPropertyName("error")] string Error, [property: JsonPropertyName("error_description")] string Description);
