namespace FullscriptPortal.Auth;

/// <summary>A clinic of the integrating vendor's customers. Every portal user but support staff belongs to one.</summary>
public sealed class Clinic
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public List<PortalUser> Members { get; } = [];
}
