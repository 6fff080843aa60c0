namespace FullscriptPortal.Connections;

/// <summary>Coverage at a glance, and the number of access tokens expiring in each 15-minute slot of the next two hours.</summary>
public sealed record Coverage(int People, int Connected, int ExpiringSoon, int Failing, int NeedsReconnect, int NotConnected, IReadOnlyList<int> ExpiriesPerQuarterHour);
