using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.Fullscript;

/// <summary>The calls of fullscript-api.md. Each takes the server key of the connection it serves, so a grant is only
/// ever used on the server that issued it. Expected failures come back as values; only misconfiguration throws.</summary>
public sealed partial class FullscriptClient(
    HttpClient http,
    FullscriptServerDirectory servers,
    IOptionsMonitor<FullscriptOptions> options,
    TimeProvider time,
    FullscriptMetrics metrics,
    ILogger<FullscriptClient> logger)
{
    public const string RequestIdHeader = "X-Request-Id";

    public Task<FullscriptResult<TokenSet>> ExchangeCodeAsync(string serverKey, string code, string redirectUri, string? codeVerifier, CancellationToken cancellationToken = default)
    {
        var (clientId, clientSecret) = Credentials(serverKey);
        return PostTokenAsync(serverKey, new TokenRequest("authorization_code", clientId, clientSecret)
        {
            Code = code,
            RedirectUri = redirectUri,
            CodeVerifier = codeVerifier,
        }, cancellationToken);
    }

    /// <summary>The refresh_token grant. Safe to retry: the refresh token used stays valid until the new access token is
    /// first used (fullscript-api.md §3).</summary>
    public Task<FullscriptResult<TokenSet>> RefreshAsync(string serverKey, string refreshToken, string? redirectUri, CancellationToken cancellationToken = default)
    {
        var (clientId, clientSecret) = Credentials(serverKey);
        return PostTokenAsync(serverKey, new TokenRequest("refresh_token", clientId, clientSecret)
        {
            RefreshToken = refreshToken,
            RedirectUri = redirectUri, // the documented example sends it; harmless when the server ignores it
        }, cancellationToken);
    }

    /// <summary>Revokes a grant by one of its tokens. Success is 200 with <c>{}</c>; no bearer header.</summary>
    public async Task<FullscriptResult<RevokeAccepted>> RevokeAsync(string serverKey, string token, CancellationToken cancellationToken = default)
    {
        var (clientId, clientSecret) = Credentials(serverKey);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(servers.ApiBase(serverKey), "oauth/revoke"))
        {
            Content = JsonContent.Create(new RevokeRequest(clientId, clientSecret, token), FullscriptJson.Default.RevokeRequest),
        };
        return await SendAsync(serverKey, "revoke", request, (status, body, requestId) =>
        {
            if (status == HttpStatusCode.OK) return FullscriptResult<RevokeAccepted>.Ok(RevokeAccepted.Instance, requestId);
            return FullscriptResult<RevokeAccepted>.Fail(FailureClassifier.ErrorOf(FullscriptEndpointKind.OAuth, status, body), requestId);
        }, cancellationToken);
    }

    public async Task<FullscriptResult<FullscriptClinic>> GetClinicAsync(string serverKey, string accessToken, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(servers.ApiBase(serverKey), "clinic"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        return await SendAsync(serverKey, "clinic", request, (status, body, requestId) =>
        {
            if (status != HttpStatusCode.OK)
                return FullscriptResult<FullscriptClinic>.Fail(FailureClassifier.ErrorOf(FullscriptEndpointKind.Api, status, body), requestId);
            return ParseClinic(body) is { } clinic
                ? FullscriptResult<FullscriptClinic>.Ok(clinic, requestId)
                : FullscriptResult<FullscriptClinic>.Fail(new FullscriptError(FailureKind.Malformed, "malformed_response", "Fullscript's clinic response had no clinic id.", 200), requestId);
        }, cancellationToken);
    }

    /// <summary>Missing credentials for a server that still has connections are a deployment mistake, so they throw.</summary>
    private (string ClientId, string ClientSecret) Credentials(string serverKey) => options.CurrentValue.CredentialsFor(serverKey) is (string id, string secret)
        ? (id, secret)
        : throw new InvalidOperationException(
            $"No Fullscript credentials for server '{serverKey}'. Set Fullscript:Servers:{serverKey}:ClientId and ClientSecret, since connections made there still need them.");

    private async Task<FullscriptResult<TokenSet>> PostTokenAsync(string serverKey, TokenRequest body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(servers.ApiBase(serverKey), "oauth/token"))
        {
            Content = JsonContent.Create(body, FullscriptJson.Default.TokenRequest),
        };
        // An authorization code is single-use: a blind retry after a lost answer would only earn invalid_grant.
        if (body.GrantType == "authorization_code") request.Options.Set(FullscriptResilience.DoNotRetry, true);
        return await SendAsync(serverKey, body.GrantType, request, (status, text, requestId) =>
            TokenResponseParser.Parse(status, text, requestId, time.GetUtcNow()), cancellationToken);
    }

    private async Task<FullscriptResult<T>> SendAsync<T>(
        string serverKey, string operation, HttpRequestMessage request,
        Func<HttpStatusCode, string, string?, FullscriptResult<T>> read, CancellationToken cancellationToken) where T : class
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.CurrentValue.HttpTimeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var requestId = response.Headers.TryGetValues(RequestIdHeader, out var ids) ? ids.FirstOrDefault() : null;
            var text = await response.Content.ReadAsStringAsync(timeout.Token);
            var result = read(response.StatusCode, text, requestId);
            if (result.Error is { } failed && RetryAfter(response) is { } retryAfter)
                result = result with { Error = failed with { RetryAfter = retryAfter } };
            if (result.Error is { } error)
            {
                metrics.Failed(error.Kind, error.Code);
                LogFailed(serverKey, operation, (int)response.StatusCode, error.Code, requestId);
            }
            else
                LogSucceeded(serverKey, operation, requestId);
            return result;
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException
            || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The exception message can carry the URL but never a token: tokens travel in bodies and headers only.
            LogUnreachable(serverKey, operation, ex.GetType().Name);
            var code = ex is HttpRequestException ? "network_error" : "timeout";
            metrics.Failed(FailureKind.Transient, code);
            return FullscriptResult<T>.Fail(new FullscriptError(FailureKind.Transient, code, "Fullscript could not be reached."), null);
        }
    }

    /// <summary>Retry-After as seconds or as an HTTP date (RFC 9110 §10.2.3).</summary>
    private TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - time.GetUtcNow() is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static FullscriptClinic? ParseClinic(string body)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize(body, FullscriptJson.Default.ClinicEnvelope);
            return envelope?.Clinic is { Id: { Length: > 0 } id } clinic ? new FullscriptClinic(id, clinic.Name ?? "") : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Fullscript {Server} {Operation} succeeded (X-Request-Id {RequestId})")]
    private partial void LogSucceeded(string server, string operation, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fullscript {Server} {Operation} failed with HTTP {Status} {Error} (X-Request-Id {RequestId})")]
    private partial void LogFailed(string server, string operation, int status, string error, string? requestId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fullscript {Server} {Operation} could not be reached ({Reason})")]
    private partial void LogUnreachable(string server, string operation, string reason);
}
