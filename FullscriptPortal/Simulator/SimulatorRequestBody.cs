using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;

namespace FullscriptPortal.Simulator;

/// <summary>Reads the JSON body of an OAuth call (Fullscript documents JSON, not RFC 6749's form) with a small size limit,
/// so any body, however hostile, gets an OAuth error: 413 when too large, 400 <c>invalid_request</c> when not one UTF-8
/// JSON object with each parameter once.</summary>
internal static class SimulatorRequestBody
{
    /// <summary>Token and revoke requests are a few hundred bytes.</summary>
    public const int MaxBytes = 16 * 1024;

    public static async Task<(T? Value, JsonHttpResult<SimError>? Refused)> ReadJsonAsync<T>(HttpContext http, JsonTypeInfo<T> type) where T : class
    {
        if (!http.Request.HasJsonContentType()) return (null, InvalidRequest("The body must be a JSON object (Content-Type: application/json)."));
        if (http.Request.ContentLength > MaxBytes) return (null, TooLarge());

        byte[]? body;
        try
        {
            body = await ReadAtMostAsync(http.Request.Body, MaxBytes, http.RequestAborted);
        }
        catch (BadHttpRequestException e)
        {
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge ? TooLarge() : InvalidRequest("The body could not be read."));
        }
        if (body is null) return (null, TooLarge());

        try
        {
            // System.Text.Json refuses bytes that are not UTF-8, and (SimulatorJson's option) a property sent twice.
            return JsonSerializer.Deserialize(body, type) is { } value ? (value, null) : (null, InvalidRequest("The body must be a JSON object."));
        }
        catch (JsonException)
        {
            return (null, InvalidRequest("The body must be one UTF-8 JSON object with each parameter at most once."));
        }
    }

    /// <summary>The whole body, or null as soon as it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static JsonHttpResult<SimError> InvalidRequest(string description) => SimulatorEndpoints.OAuthError(400, "invalid_request", description);

    private static JsonHttpResult<SimError> TooLarge() =>
        SimulatorEndpoints.OAuthError(StatusCodes.Status413PayloadTooLarge, "invalid_request", $"The body is larger than {MaxBytes} bytes.");
}
