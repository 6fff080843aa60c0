namespace FullscriptPortal.Connections;

/// <summary>A pair Fullscript granted, with both tokens already encrypted (<c>TokenProtector.Protect</c>): what a
/// connection stores. Holds ciphertext only, so the entity never sees a usable token.</summary>
public sealed record ProtectedTokenPair(
    string AccessTokenProtected,
    string RefreshTokenProtected,
    DateTimeOffset CreatedAt,
    int ExpiresInSeconds,
    DateTimeOffset ExpiresAt,
    string Scope);
