using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);
