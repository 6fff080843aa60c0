namespace FullscriptPortal.Connect;

/// <summary>What finishing a connect attempt came to, with the data a sentence about it needs.</summary>
/// <param name="Code">What it came to.</param>
/// <param name="ConnectionId">The connection it made or changed, if any.</param>
/// <param name="ClinicName">The Fullscript clinic the grant belongs to, when known.</param>
/// <param name="MissingScope">A required scope the grant lacks.</param>
/// <param name="ResourceOwnerType">Fullscript's kind of account (Practitioner, Staff...).</param>
/// <param name="OnBehalfOf">The person's name when a clinic manager connected them; null when people connected themselves.</param>
public sealed record ExchangeOutcome(ExchangeCode Code, Guid? ConnectionId = null, string? ClinicName = null, string? MissingScope = null,
    string? ResourceOwnerType = null, string? OnBehalfOf = null)
{
    public bool Succeeded => Code == ExchangeCode.Connected;

    public bool WillRetry => Code == ExchangeCode.FullscriptUnavailable;
}
