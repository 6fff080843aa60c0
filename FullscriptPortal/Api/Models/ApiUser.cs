namespace FullscriptPortal.Api;

/// <summary>A person made or changed; <c>invitation_url</c> (single use) lets a new person set their password.</summary>
public sealed record ApiUser(ApiPerson User, string? InvitationUrl, DateTimeOffset? InvitationExpiresAt);
