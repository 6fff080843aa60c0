namespace FullscriptPortal.Api;

public sealed record ApiClinic(string ExternalId, string Name, string? FullscriptClinicId);
