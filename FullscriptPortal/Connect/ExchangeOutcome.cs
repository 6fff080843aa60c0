namespace FullscriptPortal.Connect;

/// <summary>What finishing a connect attempt came to, with the data a sentence about it needs.</summary>
public sealed record ExchangeOutcome(ExchangeCode Code, Guid? ConnectionId = null, string? ClinicName = null, string? MissingScope = null,
    string? ResourceOwnerType = null)
{
    public bool Succeeded => Code == ExchangeCode.Connected;

    public bool WillRetry => Code == ExchangeCode.FullscriptUnavailable;
}
