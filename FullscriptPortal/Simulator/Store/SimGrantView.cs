namespace FullscriptPortal.Simulator;

public sealed record SimGrantView(Guid Id, string UserName, string UserType, string ClinicName, DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt, string? RevokedBecause, IReadOnlyList<SimTokenView> Tokens);
