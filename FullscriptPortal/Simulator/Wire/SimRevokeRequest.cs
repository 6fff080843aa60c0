using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimRevokeRequest(
    [property: JsonPropertyName("client_id")] string? ClientId,
    [property: JsonPropertyName("client_secret")] string? ClientSecret,
    [property: JsonPropertyName("token")] string? Token);
