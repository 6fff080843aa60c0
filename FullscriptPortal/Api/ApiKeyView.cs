namespace FullscriptPortal.Api;

/// <summary>What support sees of a key: never the secret, never its hash.</summary>
public sealed record ApiKeyView(Guid Id, string Name, string Prefix, int? ClinicId, string? ClinicName, IReadOnlyList<string> AllowedReturnOrigins,
    string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);
