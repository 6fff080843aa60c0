using Bunit;
using FullscriptPortal.Components.Preferences;
using FullscriptPortal.Connections;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Components;

public sealed class PreferencesStoreTests : PortalTestContext
{
    private const string Key = "fullscript-portal.preferences.v1";
    private readonly Dictionary<string, string> _localStorage = [];

    public PreferencesStoreTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        JSInterop.SetupVoid("localStorage.setItem", _ => true).SetVoidResult();
        Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        Services.AddScoped<ProtectedLocalStorage>();
        Services.AddScoped<PreferencesStore>();
    }

    private PreferencesStore NewStore()
    {
        // What the browser holds now is what a reloaded page reads.
        JSInterop.Setup<string?>("localStorage.getItem", Key).SetResult(_localStorage.GetValueOrDefault(Key));
        return new PreferencesStore(Services.GetRequiredService<ProtectedLocalStorage>());
    }

    [Fact]
    public async Task Preferences_survive_a_reload_and_are_stored_encrypted()
    {
        await NewStore().UpdateAsync(p => p with { DarkMode = true, PageSize = 50, LastSearch = "sam", LastState = ConnectionState.NeedsReconnect });
        var write = JSInterop.Invocations["localStorage.setItem"][^1];
        _localStorage[(string)write.Arguments[0]!] = (string)write.Arguments[1]!;

        var reloaded = await NewStore().LoadAsync();

        reloaded.Should().Be(new PortalPreferences(true, 50, "sam", ConnectionState.NeedsReconnect));
        _localStorage.Values.Single().Should().NotContain("sam", "the browser only ever sees ciphertext");
    }

    [Fact]
    public async Task A_tampered_value_falls_back_to_the_defaults()
    {
        _localStorage[Key] = "not-a-protected-payload";

        (await NewStore().LoadAsync()).Should().Be(new PortalPreferences());
    }

    [Fact]
    public async Task Nonsense_page_sizes_are_not_kept()
    {
        var store = NewStore();

        await store.UpdateAsync(p => p with { PageSize = 100_000 });

        (await store.LoadAsync()).PageSize.Should().Be(25);
    }
}
