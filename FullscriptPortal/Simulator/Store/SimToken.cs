namespace FullscriptPortal.Simulator;

public sealed class SimToken
{
    public required string TokenHash { get; set; }
    public Guid GrantId { get; set; }
    public SimTokenKind Kind { get; set; }
    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>Access tokens only; refresh tokens do not expire by time.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? FirstUsedAt { get; set; }
    public DateTimeOffset? InvalidatedAt { get; set; }

    /// <summary>For an access token issued by a refresh: the refresh token spent, which stays valid until this access
    /// token is first used (fullscript-api.md §3).</summary>
    public string? IssuedByRefreshHash { get; set; }
}
