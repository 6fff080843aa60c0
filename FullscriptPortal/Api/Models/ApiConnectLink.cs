namespace FullscriptPortal.Api;

/// <summary>A single-use link that starts the person's own connect flow; hand it to the person only. <c>emailed</c> says
/// whether the portal e-mailed it to them (asked with <c>send_email</c>, SMTP configured, and the send worked).</summary>
public sealed record ApiConnectLink(string Url, DateTimeOffset ExpiresAt, bool Emailed);
