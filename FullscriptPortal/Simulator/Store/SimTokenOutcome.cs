namespace FullscriptPortal.Simulator;

public sealed record SimTokenOutcome(SimIssuedTokens? Tokens, int Status, string? ErrorCode, string? Description)
{
    public static SimTokenOutcome Issued(SimIssuedTokens tokens) => new(tokens, 200, null, null);
    public static SimTokenOutcome Error(int status, string code, string description) => new(null, status, code, description);
}
