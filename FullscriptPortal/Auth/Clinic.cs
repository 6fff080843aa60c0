namespace FullscriptPortal.Auth;

/// <summary>A clinic of the integrating vendor's customers. Every portal user but support staff belongs to one.</summary>
public sealed class Clinic
{
    public int Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The integrating app's own id for this clinic (its <c>externalId</c> in the API).</summary>
    public string? ExternalId { get; set; }

    /// <summary>The Fullscript clinic this clinic is, when known; a connection to another Fullscript clinic is flagged.</summary>
    public string? FullscriptClinicId { get; set; }
    public List<PortalUser> Members { get; } = [];
}
