namespace FullscriptPortal.Api;

/// <summary>Limits of the connect links the API hands out.</summary>
public static class ConnectLinks
{
    public const int MaxReturnUrlLength = 2000;
    public static readonly TimeSpan ShortestLifetime = TimeSpan.FromMinutes(5);
}
