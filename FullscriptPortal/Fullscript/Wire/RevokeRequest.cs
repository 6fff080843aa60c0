using System.Text.Json.Serialization;

namespace FullscriptPortal.Fullscript;

internal sealed record RevokeRequest(
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("token")] string Token)
{
    public override string ToString() => $"RevokeRequest {{ ClientId = {ClientId} }}";
}
