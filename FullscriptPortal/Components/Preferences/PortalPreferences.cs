using FullscriptPortal.Connections;

namespace FullscriptPortal.Components.Preferences;

/// <summary>What a person set up last time: kept in their browser, encrypted by ProtectedLocalStorage.</summary>
public sealed record PortalPreferences(bool DarkMode = false, int PageSize = 25, string? LastSearch = null, ConnectionState? LastState = null);
