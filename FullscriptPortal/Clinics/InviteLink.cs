namespace FullscriptPortal.Clinics;

public sealed record InviteLink(string Path, DateTimeOffset ExpiresAt);
