using System.Text.Json.Serialization;

namespace FullscriptPortal.Simulator;

internal sealed record SimOAuthBody(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string RefreshToken,
    [property: JsonPropertyName("scope")] string Scope,
    [property: JsonPropertyName("created_at")] string CreatedAt,
    [property: JsonPropertyName("resource_owner")] SimResourceOwner ResourceOwner);
