namespace FullscriptPortal.Simulator;

/// <summary>One user's authorization of one app; every token hangs off it.</summary>
public sealed class SimGrant
{
    public Guid Id { get; set; }
    public required string ClientId { get; set; }
    public required string UserId { get; set; }
    public required string Scope { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedBecause { get; set; }
}
