namespace FullscriptPortal.Api;

/// <summary>A person as the integrating app knows them.</summary>
public sealed record ApiPerson(string? ExternalId, string Email, string DisplayName, string Role, string? Clinic, bool Active);
