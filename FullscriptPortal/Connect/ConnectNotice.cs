namespace FullscriptPortal.Connect;

/// <summary>What became of a browser leg of the connect flow (the callback, an invite link, a refused start). Only the
/// name travels to the dashboard (as <c>?connect=</c>), never anything the request carried.</summary>
public enum ConnectNotice
{
    CodeReceived,
    Denied,
    ProviderError,
    MissingState,
    UnknownState,
    Expired,
    AlreadyUsed,
    Malformed,
    NotAllowed,
    InviteInvalid,
    InviteExpired,
    InviteUsed,
    InviteCancelled,
    InviteReplaced,
}
