namespace FullscriptPortal.Tests.Security;

/// <summary>Who sends a hostile request: a browser with no cookies, a signed-in practitioner (Sam), the connected
/// practitioner whose flow is spent (Dr. Lee), or a clinic manager.</summary>
public enum HostileSender
{
    Anonymous,
    Practitioner,
    Connected,
    Manager,
}
