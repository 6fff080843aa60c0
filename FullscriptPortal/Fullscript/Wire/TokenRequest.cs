using System.Text.Json.Serialization;

namespace FullscriptPortal.Fullscript;

internal sealed record TokenRequest(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret)
{
    [JsonPropertyName("code")] public string? Code { get; init; }
    [JsonPropertyName("redirect_uri")] public string? RedirectUri { get; init; }
    [JsonPropertyName("code_verifier")] public string? CodeVerifier { get; init; }
    [JsonPropertyName("refresh_token")] public string? RefreshToken { get; init; }

    public override string ToString() => $"TokenRequest {{ GrantType = {GrantType}, ClientId = {ClientId} }}";
}
