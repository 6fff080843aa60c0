namespace FullscriptPortal.Simulator;

/// <summary>An authorization code. Only its SHA-256 is kept, like any credential.</summary>
public sealed class SimAuthorizationCode
{
    public required string CodeHash { get; set; }
    public required string ClientId { get; set; }
    public required string RedirectUri { get; set; }
    public required string UserId { get; set; }
    public string? CodeChallenge { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>The grant the code produced, revoked if the code is replayed (RFC 6749 §4.1.2).</summary>
    public Guid? GrantId { get; set; }
}
