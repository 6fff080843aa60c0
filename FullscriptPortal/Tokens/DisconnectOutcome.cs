namespace FullscriptPortal.Tokens;

public sealed record DisconnectOutcome(DisconnectResult Result, DisconnectCode Code);
