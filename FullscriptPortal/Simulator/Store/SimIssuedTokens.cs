namespace FullscriptPortal.Simulator;

public sealed record SimIssuedTokens(string AccessToken, string RefreshToken, int ExpiresIn, string Scope, DateTimeOffset CreatedAt, string OwnerId, string OwnerType);
