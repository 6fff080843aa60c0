namespace FullscriptPortal.Api;

public sealed record ApiClinicRequest(string? Name, string? FullscriptClinicId);
