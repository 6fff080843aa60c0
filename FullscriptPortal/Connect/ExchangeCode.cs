namespace FullscriptPortal.Connect;

/// <summary>What finishing a connect attempt came to; worded by the components.</summary>
public enum ExchangeCode
{
    /// <summary>Connected; <see cref="ExchangeOutcome.ClinicName"/> when the clinic lookup found it.</summary>
    Connected,

    /// <summary>The code outlived Fullscript's 10 minutes before it was exchanged.</summary>
    CodeExpired,

    /// <summary>Fullscript did not answer; the claim was given back and the portal tries again.</summary>
    FullscriptUnavailable,

    /// <summary>Fullscript refused the code (expired or used already).</summary>
    NotAccepted,

    /// <summary>That Fullscript user is connected to another portal user (<see cref="ExchangeOutcome.ResourceOwnerType"/>).</summary>
    OwnerTaken,

    /// <summary>The Fullscript account belongs to another clinic than the one the portal maps this person's clinic to
    /// (<see cref="ExchangeOutcome.ClinicName"/>): refused and handed back to Fullscript.</summary>
    ForeignClinic,

    /// <summary>Connected without a required scope (<see cref="ExchangeOutcome.MissingScope"/>): a reconnect is needed.</summary>
    MissingScope,
}
