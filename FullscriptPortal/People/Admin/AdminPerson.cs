namespace FullscriptPortal.People;

/// <summary>A row of support's people list.</summary>
public sealed record AdminPerson(string Id, string Email, string DisplayName, string Role, string ClinicName, bool Active);
