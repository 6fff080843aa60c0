namespace FullscriptPortal.Simulator;

public sealed record SimTokenView(SimTokenKind Kind, string HashPrefix, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt, DateTimeOffset? FirstUsedAt, string Status);
