using FullscriptPortal.Connections;

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

    /// <summary>When a manager cancelled the link, or resent the invite (a fresh link replaces this one): it stops working.</summary>
    public DateTimeOffset? CancelledAt { get; set; }

    /// <summary>The invite whose fresh link replaced this one when the manager resent it; null when cancelled outright.</summary>
    public Guid? ReplacedById { get; set; }

    /// <summary>Where the integrating app wants the person back once connected (an allowed origin of its API key).</summary>
    public string? ReturnUrl { get; set; }

    /// <summary>Whether the link would still start a flow at <paramref name="now"/>, or why not.</summary>
    public InviteStatus StatusAt(DateTimeOffset now) => InviteView.StatusOf(ExpiresAt, UsedAt, CancelledAt, now);

    /// <summary>Stops the link at once; <paramref name="replacedBy"/> names the fresh invite of a resend.</summary>
    public void Cancel(DateTimeOffset now, Guid? replacedBy = null)
    {
        CancelledAt ??= now;
        ReplacedById ??= replacedBy;
    }
}
