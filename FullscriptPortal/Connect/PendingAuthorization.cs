namespace FullscriptPortal.Connect;

/// <summary>An authorization the portal sent a browser to Fullscript for. It carries the state check, the code on its way
/// back, and who asked, until the code is exchanged or the ten minutes run out.</summary>
public sealed class PendingAuthorization
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public Guid Id { get; set; }

    /// <summary>SHA-256 of the state parameter; the state itself exists only in the browser's URL.</summary>
    public required string StateHash { get; set; }

    /// <summary>The portal user the connection is for; in clinic-level mode, the manager connecting the clinic.</summary>
    public required string UserId { get; set; }

    /// <summary>Set in clinic-level mode: the clinic whose one connection this authorizes.</summary>
    public int? ClinicId { get; set; }

    /// <summary>Who pressed the button: the user, or a clinic manager on their behalf.</summary>
    public required string StartedByUserId { get; set; }
    public required string ServerKey { get; set; }
    public required string RedirectUri { get; set; }
    public required string ReturnPath { get; set; }
    public string? CodeVerifierProtected { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }

    public string? CodeProtected { get; set; }
    public DateTimeOffset? CodeReceivedAt { get; set; }

    /// <summary>Set by whoever claims the exchange, so two circuits never spend the same single-use code.</summary>
    public DateTimeOffset? ExchangeStartedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? Outcome { get; set; }
}
