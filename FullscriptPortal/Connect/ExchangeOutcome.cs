namespace FullscriptPortal.Connect;

/// <summary>What finishing a connect attempt came to, phrased for the person waiting on it.</summary>
public sealed record ExchangeOutcome(bool Succeeded, string Message, bool WillRetry = false, Guid? ConnectionId = null)
{
    public static ExchangeOutcome Connected(Guid connectionId, string? clinicName) =>
        new(true, clinicName is null ? "Your Fullscript account is connected." : $"Your Fullscript account at {clinicName} is connected.", ConnectionId: connectionId);
}
