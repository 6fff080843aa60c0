namespace FullscriptPortal.Api;

/// <summary>A person's access token as the API hands it out or uses it in the proxy.</summary>
internal sealed record ApiTokenLease(Guid ConnectionId, string AccessToken, DateTimeOffset ExpiresAt, string ServerKey);
