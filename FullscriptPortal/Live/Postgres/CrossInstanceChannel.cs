namespace FullscriptPortal.Live;

/// <summary>The PostgreSQL <c>LISTEN/NOTIFY</c> channel connection changes travel on between portal instances.</summary>
public static class CrossInstanceChannel
{
    public const string Name = "portal_changes";

    /// <summary>PostgreSQL refuses a payload of 8,000 bytes or more; a notice stays well under it.</summary>
    public const int MaxPayloadBytes = 7_000;
}
