using System.Security.Cryptography;
using FullscriptPortal.Connections;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.JSInterop;

namespace FullscriptPortal.Components.Preferences;

/// <summary>Reads and writes <see cref="PortalPreferences"/>. Browser storage is only reachable once the circuit is
/// interactive, so callers load from OnAfterRenderAsync; anything unreadable falls back to the defaults.</summary>
public sealed class PreferencesStore(ProtectedLocalStorage storage)
{
    private const string Key = "fullscript-portal.preferences.v1";
    private PortalPreferences? _cached;

    public async Task<PortalPreferences> LoadAsync()
    {
        if (_cached is not null) return _cached;
        try
        {
            var stored = await storage.GetAsync<PortalPreferences>(Key);
            _cached = stored.Success && stored.Value is not null ? Sanitize(stored.Value) : new PortalPreferences();
        }
        catch (Exception ex) when (ex is CryptographicException or JSException or InvalidOperationException or System.Text.Json.JsonException)
        {
            // Keys rotated, storage cleared or tampered with: start from the defaults rather than fail the page.
            _cached = new PortalPreferences();
        }
        return _cached;
    }

    public async Task UpdateAsync(Func<PortalPreferences, PortalPreferences> change)
    {
        _cached = Sanitize(change(await LoadAsync()));
        try
        {
            await storage.SetAsync(Key, _cached);
        }
        catch (Exception ex) when (ex is JSException or InvalidOperationException or JSDisconnectedException)
        {
            // The browser went away; the preference simply is not kept.
        }
    }

    private static PortalPreferences Sanitize(PortalPreferences p) => p with
    {
        PageSize = p.PageSize is 10 or 25 or 50 or 100 ? p.PageSize : 25,
        LastSearch = p.LastSearch is { Length: > PeopleQuery.MaxSearchLength } search ? search[..PeopleQuery.MaxSearchLength] : p.LastSearch,
    };
}
