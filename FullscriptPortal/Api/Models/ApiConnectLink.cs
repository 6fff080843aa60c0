namespace FullscriptPortal.Api;

/// <summary>A single-use link that starts the person's own connect flow; hand it to the person only.</summary>
public sealed record ApiConnectLink(string Url, DateTimeOffset ExpiresAt);
