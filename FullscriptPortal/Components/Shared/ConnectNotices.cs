using FullscriptPortal.Connect;

namespace FullscriptPortal.Components.Shared;

/// <summary>The sentence the dashboard shows for each <see cref="ConnectNotice"/>; the wording lives with the components.</summary>
public static class ConnectNotices
{
    public static (bool IsError, string Text)? For(string? outcome) =>
        Enum.TryParse<ConnectNotice>(outcome, ignoreCase: true, out var value) && Enum.IsDefined(value) ? For(value) : null;

    public static (bool IsError, string Text) For(ConnectNotice outcome) => outcome switch
    {
        ConnectNotice.CodeReceived => (false, "Fullscript approved the connection. Finishing it now…"),
        ConnectNotice.Denied => (true, "The connection was cancelled on Fullscript's consent page, so nothing changed. Press Connect to try again."),
        ConnectNotice.ProviderError => (true, "Fullscript could not authorize the connection, so nothing changed. Please try again; if it keeps happening, contact support."),
        ConnectNotice.MissingState or ConnectNotice.UnknownState => (true, "That sign-in link did not come from this portal, so it was ignored. Start again with Connect my Fullscript account."),
        ConnectNotice.Expired => (true, "That connection attempt took longer than 10 minutes and expired. Press Connect to start a new one."),
        ConnectNotice.AlreadyUsed => (true, "That connection link was already used. If you are not connected yet, press Connect to start again."),
        ConnectNotice.NotAllowed => (true, "Your role does not connect a Fullscript account here, so nothing changed."),
        ConnectNotice.InviteInvalid => (true, "That invite link is not valid for your account. Ask your clinic manager for a new one, or press Connect."),
        ConnectNotice.InviteExpired => (true, "That invite link has expired (they last 7 days). Ask your clinic manager for a new one, or press Connect."),
        ConnectNotice.InviteUsed => (true, "That invite link was already used. If you are not connected yet, press Connect."),
        ConnectNotice.InviteCancelled => (true, "That invite link was cancelled by your clinic manager, so it no longer works. Ask them for a new one, or press Connect."),
        ConnectNotice.InviteReplaced => (true, "That invite link was replaced by a newer one, so it no longer works. Use the newest link your clinic manager sent, or press Connect."),
        _ => (true, "Fullscript's answer could not be read, so nothing changed. Press Connect to try again."),
    };
}
