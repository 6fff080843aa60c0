namespace FullscriptPortal.Api;

public sealed record ApiConnectLinkRequest(int? ExpiresIn, string? ReturnUrl);
