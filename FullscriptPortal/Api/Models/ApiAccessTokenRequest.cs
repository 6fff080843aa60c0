namespace FullscriptPortal.Api;

public sealed record ApiAccessTokenRequest(int? MinValidity);
