namespace FullscriptPortal.Api;

/// <summary>An access token for Fullscript's API on the connection's own server. Keep it in memory only.</summary>
public sealed record ApiAccessToken(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string Server, string ApiBase);
