namespace FullscriptPortal.Api;

/// <summary>A machine client of the API: the integrating app's backend. The key itself is shown once, at creation; only
/// its SHA-256 is kept.</summary>
public sealed class ApiKey
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The first characters of the key, so people can tell keys apart without the secret.</summary>
    public required string Prefix { get; set; }
    public required string KeyHash { get; set; }

    /// <summary>The one clinic this key may act on; null for every clinic.</summary>
    public int? ClinicId { get; set; }

    /// <summary>Origins a connect link may send the person back to after consent (space-separated, e.g.
    /// <c>https://ehr.example.com</c>); empty: the portal's own success page only.</summary>
    public string AllowedReturnOrigins { get; set; } = "";

    public required string CreatedByUserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedByUserId { get; set; }

    public bool IsActive => RevokedAt is null;
}
