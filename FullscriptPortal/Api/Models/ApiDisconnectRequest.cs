namespace FullscriptPortal.Api;

public sealed record ApiDisconnectRequest(string? Reason);
