namespace FullscriptPortal.Api;

/// <summary>A person made or changed; <c>invitation_url</c> (single use) lets a new person set their password, and
/// <c>invitation_emailed</c> says whether the portal also e-mailed it to them (only when SMTP is configured and the send
/// worked; otherwise hand the link on yourself).</summary>
public sealed record ApiUser(ApiPerson User, string? InvitationUrl, DateTimeOffset? InvitationExpiresAt, bool InvitationEmailed);
