using System.Security.Claims;
using FullscriptPortal.Components.Preferences;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;

namespace FullscriptPortal.People;

/// <summary>The table of people with live rows: loads a page at a time, shows the view the address names (or else the
/// one the viewer chose last time) and keeps the address in step, redraws a row when its connection changes, and reloads
/// when a change moves someone into or out of the view.</summary>
public sealed partial class PeopleGrid
{
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>Support sees every clinic; a manager only their own, so the column would say nothing.</summary>
    [Parameter] public bool ShowClinic { get; set; }

    /// <summary>Support's queue: only connections that are failing, need reconnecting or wait for a disconnect.</summary>
    [Parameter] public bool OnlyNeedingAttention { get; set; }

    /// <summary>Raised after an action on a row, so the page can refresh its summary.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    [Inject] private ConnectionDirectory Directory { get; set; } = default!;
    [Inject] private ConnectionNotifier Notifier { get; set; } = default!;
    [Inject] private PreferencesStore Preferences { get; set; } = default!;
    [Inject] private CircuitClock Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private readonly RowStore _store = new();
    private readonly BulkSelection _selection = new();
    private MudDataGrid<PersonRow>? _grid;
    private ClaimsPrincipal _viewer = new();
    private PeopleFilter _filter = new();
    private int _page;
    private string? _person;
    private int _pageSize = 25;
    private int _total;
    private bool _loading;
    private bool _ready;
    private string _address = "";
    private IDisposable? _subscription;
    private CoalescedWork? _membership;
    private bool _disposed;

    private DateTimeOffset Now => Clock.Now;

    protected override async Task OnInitializedAsync() => _viewer = (await Authentication).User;

    // Browser storage and the live notifier are for the interactive circuit: the grid appears once the view is known, so
    // its first load already shows the remembered or linked filters (never every row first).
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        var preferences = await Preferences.LoadAsync();
        _pageSize = preferences.PageSize;
        _address = Navigation.Uri;
        (_filter, _page) = await ViewAsync(_address);
        _person = PeopleUrl.ReadPerson(_address);
        _ready = true;
        _membership = new CoalescedWork(CheckMembershipAsync);
        if (!_disposed && PeopleChanges.KeyFor(_viewer) is { } key) _subscription = Notifier.Subscribe(key, OnConnectionChangedAsync);
        Navigation.LocationChanged += OnLocationChanged;
        WriteAddress();
        StateHasChanged();
    }

    /// <summary>The address wins; without a view in it, the remembered one. Either way it is remembered for next time.</summary>
    private async Task<(PeopleFilter Filter, int Page)> ViewAsync(string uri)
    {
        var preferences = await Preferences.LoadAsync();
        var (filter, page) = PeopleUrl.Read(uri) ?? (new PeopleFilter(preferences.LastSearch, preferences.LastState), 0);
        if (OnlyNeedingAttention) filter = filter with { State = null };
        await RememberAsync(filter);
        return (filter, page);
    }

    private Task RememberAsync(PeopleFilter filter) =>
        Preferences.UpdateAsync(p => p with { LastSearch = filter.Search, LastState = OnlyNeedingAttention ? p.LastState : filter.State });

    private async Task<GridData<PersonRow>> LoadAsync(GridState<PersonRow> state, CancellationToken cancellationToken)
    {
        _loading = true;
        var page = await Directory.QueryAsync(_viewer, _filter.ToQuery(OnlyNeedingAttention, state.Page, state.PageSize), cancellationToken);
        _store.Reset(page.Rows);
        // Ticks belong to this filter, sort, page and page size; a reload of the same view keeps them.
        _selection.Follow((_filter, state.Page, state.PageSize), page.Rows.Select(r => r.UserId));
        (_total, _loading) = (page.Total, false);
        if (state.PageSize != _pageSize)
        {
            _pageSize = state.PageSize;
            await Preferences.UpdateAsync(p => p with { PageSize = _pageSize });
        }
        if (state.Page != _page && _grid?.CurrentPage == state.Page)
        {
            _page = state.Page;
            WriteAddress();
        }
        return new GridData<PersonRow> { Items = page.Rows, TotalItems = page.Total };
    }

    // A change in the viewer's scope (their clinic, or every clinic for support) redraws its row when shown, and reloads
    // the page when it moved someone into or out of the filtered view (a new entry in the queue, say).
    private Task OnConnectionChangedAsync(ConnectionChange change) => InvokeAsync(async () =>
    {
        try
        {
            if (_disposed) return;
            if (change.UserId is { } userId && _store.Get(userId) is { } row) await RedrawRowAsync(row, raiseChanged: false);
            if (_membership is not null) await _membership.RunAsync();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private async Task CheckMembershipAsync()
    {
        if (_grid is null || (_filter.IsEmpty && !OnlyNeedingAttention)) return;
        var total = await Directory.CountAsync(_viewer, _filter.ToQuery(OnlyNeedingAttention, 0, 1));
        if (total != _total) await _grid.ReloadServerData();
    }

    private Task RedrawRowAsync(PersonRow row) => RedrawRowAsync(row, raiseChanged: true);

    private async Task RedrawRowAsync(PersonRow row, bool raiseChanged)
    {
        if (await Directory.RowAsync(_viewer, row.UserId) is { } fresh) _store.Update(fresh);
        if (raiseChanged) await OnChanged.InvokeAsync();
    }

    private async Task FilterChangedAsync(PeopleFilter filter)
    {
        if (filter == _filter) return;
        var remembered = filter.Search != _filter.Search || filter.State != _filter.State;
        (_filter, _page) = (filter, 0);
        if (remembered) await RememberAsync(_filter);
        WriteAddress();
        await ReloadAsync();
    }

    // Back, forward, a tile or a shared link on the same page: show what the address now names.
    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        try
        {
            // Leaving for another page: its address is not this grid's view (and this grid is about to go).
            if (_disposed || new Uri(e.Location).AbsolutePath != new Uri(_address).AbsolutePath) return;
            _address = e.Location;
            var (filter, page) = await ViewAsync(e.Location);
            var person = PeopleUrl.ReadPerson(e.Location);
            if (person != _person)
            {
                _person = person;
                StateHasChanged();
            }
            if (filter == _filter && page == _page) return;
            (_filter, _page) = (filter, page);
            WriteAddress();
            StateHasChanged();
            await ReloadAsync();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private async Task ReloadAsync()
    {
        if (_grid is null) return;
        // A new page number reaches the grid as its CurrentPage parameter, and the grid reloads itself for it.
        if (_grid.CurrentPage != _page) StateHasChanged();
        else await _grid.ReloadServerData();
    }

    // Replace, not push: refining a filter should not fill the back button with every keystroke.
    private void WriteAddress()
    {
        var address = PeopleUrl.Write(Navigation.Uri, _filter, _page);
        if (address != Navigation.Uri) Navigation.NavigateTo(address, replace: true);
    }

    // Pushed, not replaced: the back button closes the panel again.
    private void OpenPerson(DataGridRowClickEventArgs<PersonRow> args) => OpenPerson(args.Item.UserId);

    private void OpenPerson(string userId)
    {
        var address = PersonAddress(userId);
        if (address != Navigation.Uri) Navigation.NavigateTo(address);
    }

    private string PersonAddress(string? userId) => PeopleUrl.WithPerson(Navigation.Uri, userId);

    private void ClosePerson()
    {
        _person = null;
        Navigation.NavigateTo(PersonAddress(null), replace: true);
    }

    public void Dispose()
    {
        _disposed = true;
        Navigation.LocationChanged -= OnLocationChanged;
        _subscription?.Dispose();
    }
}
