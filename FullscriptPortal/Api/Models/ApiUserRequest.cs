namespace FullscriptPortal.Api;

public sealed record ApiUserRequest(string? Email, string? DisplayName, string? Role, string? Clinic);
