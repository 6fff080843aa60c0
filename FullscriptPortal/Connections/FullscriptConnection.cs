namespace FullscriptPortal.Connections;

/// <summary>One portal user's authorization of the app at Fullscript. Token columns hold Data Protection ciphertext only.</summary>
public sealed class FullscriptConnection
{
    public Guid Id { get; set; }
    public required string UserId { get; set; }

    /// <summary>The server that issued the grant; refresh, revoke and API calls for this connection go there only.</summary>
    public required string ServerKey { get; set; }
    public ConnectionState State { get; set; }
    public string? StateReason { get; set; }

    public string? AccessTokenProtected { get; set; }
    public string? RefreshTokenProtected { get; set; }
    public DateTimeOffset TokenCreatedAt { get; set; }
    public int ExpiresInSeconds { get; set; }
    public DateTimeOffset AccessTokenExpiresAt { get; set; }
    public string Scope { get; set; } = "";

    public required string ResourceOwnerId { get; set; }
    public required string ResourceOwnerType { get; set; }
    public string? FullscriptClinicId { get; set; }
    public string? FullscriptClinicName { get; set; }

    public DateTimeOffset ConnectedAt { get; set; }
    public DateTimeOffset? LastRefreshedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
