using System.Globalization;
using System.Net;
using System.Text.Json;

namespace FullscriptPortal.Fullscript;

/// <summary>Reads the token endpoint's answers: the documented <c>oauth</c>-wrapped success and RFC 6749 §5.2 errors.</summary>
public static class TokenResponseParser
{
    public static FullscriptResult<TokenSet> Parse(HttpStatusCode status, string body, string? requestId, DateTimeOffset receivedAt)
    {
        var code = (int)status;
        if (code is >= 200 and < 300)
            return ParseSuccess(body, receivedAt) is { } tokens
                ? FullscriptResult<TokenSet>.Ok(tokens, requestId)
                : FullscriptResult<TokenSet>.Fail(new FullscriptError(FailureKind.Malformed, "malformed_response", "Fullscript's token response was missing required fields.", code), requestId);

        return FullscriptResult<TokenSet>.Fail(FailureClassifier.ErrorOf(FullscriptEndpointKind.OAuth, status, body), requestId);
    }

    public static (string? Error, string? Description) ReadError(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object) return (null, null);
            return (String(json.RootElement, "error"), String(json.RootElement, "error_description"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static TokenSet? ParseSuccess(string body, DateTimeOffset receivedAt)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind != JsonValueKind.Object
                || !json.RootElement.TryGetProperty("oauth", out var oauth)
                || oauth.ValueKind != JsonValueKind.Object)
                return null;

            var accessToken = String(oauth, "access_token");
            var refreshToken = String(oauth, "refresh_token");
            var expiresIn = Integer(oauth, "expires_in");
            var owner = oauth.TryGetProperty("resource_owner", out var o) && o.ValueKind == JsonValueKind.Object ? o : default;
            var ownerId = owner.ValueKind == JsonValueKind.Object ? String(owner, "id") : null;
            if (accessToken is null || refreshToken is null || expiresIn is not > 0 || ownerId is null)
                return null;

            return new TokenSet(
                accessToken,
                refreshToken,
                String(oauth, "token_type") ?? "Bearer",
                (int)expiresIn.Value,
                CreatedAt(oauth) ?? receivedAt,
                String(oauth, "scope") ?? "",
                ownerId,
                String(owner, "type") ?? "Unknown");
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The docs show an ISO-8601 string; Unix seconds are accepted too.</summary>
    private static DateTimeOffset? CreatedAt(JsonElement oauth)
    {
        if (!oauth.TryGetProperty("created_at", out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.Number when value.TryGetInt64(out var seconds) => DateTimeOffset.FromUnixTimeSeconds(seconds),
            JsonValueKind.String when long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) =>
                DateTimeOffset.FromUnixTimeSeconds(seconds),
            JsonValueKind.String when DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) =>
                at.ToUniversalTime(),
            _ => null,
        };
    }

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text ? text : null;

    private static long? Integer(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;
}
