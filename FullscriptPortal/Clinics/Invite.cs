namespace FullscriptPortal.Clinics;

/// <summary>A single-use link a clinic manager gives a staff member to start their own connect flow.</summary>
public sealed class Invite
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>The dashboard's query parameter naming the invite whose integrating app wants the person back.</summary>
    public const string ContinueParameter = "continue";

    public Guid Id { get; set; }

    /// <summary>SHA-256 of the token in the link; the link itself is shown once, to the manager who made it.</summary>
    public required string TokenHash { get; set; }
    public required string UserId { get; set; }
    public required string CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }

    /// <summary>Where the integrating app wants the person back once connected (an allowed origin of its API key).</summary>
    public string? ReturnUrl { get; set; }
}
