namespace FullscriptPortal.Api;

/// <summary>The Fullscript side of a connection: who authorized, and in which Fullscript clinic.</summary>
public sealed record ApiFullscriptAccount(string ResourceOwnerId, string ResourceOwnerType, string? ClinicId, string? ClinicName);
