namespace FullscriptPortal.Connections;

/// <summary>What the callback made of Fullscript's redirect. Only the name travels to the dashboard (as <c>?connect=</c>),
/// never anything the request carried.</summary>
public enum CallbackOutcome
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
}

public static class CallbackMessages
{
    public static (bool IsError, string Text)? For(string? outcome) =>
        Enum.TryParse<CallbackOutcome>(outcome, ignoreCase: true, out var value) && Enum.IsDefined(value) ? For(value) : null;

    public static (bool IsError, string Text) For(CallbackOutcome outcome) => outcome switch
    {
        CallbackOutcome.CodeReceived => (false, "Fullscript approved the connection. Finishing it now…"),
        CallbackOutcome.Denied => (true, "The connection was cancelled on Fullscript's consent page, so nothing changed. Press Connect to try again."),
        CallbackOutcome.ProviderError => (true, "Fullscript could not authorize the connection, so nothing changed. Please try again; if it keeps happening, contact support."),
        CallbackOutcome.MissingState or CallbackOutcome.UnknownState => (true, "That sign-in link did not come from this portal, so it was ignored. Start again with Connect my Fullscript account."),
        CallbackOutcome.Expired => (true, "That connection attempt took longer than 10 minutes and expired. Press Connect to start a new one."),
        CallbackOutcome.AlreadyUsed => (true, "That connection link was already used. If you are not connected yet, press Connect to start again."),
        CallbackOutcome.NotAllowed => (true, "Your role does not connect a Fullscript account here, so nothing changed."),
        _ => (true, "Fullscript's answer could not be read, so nothing changed. Press Connect to try again."),
    };
}
