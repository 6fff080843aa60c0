using System.Security.Claims;
using FullscriptPortal.Components.Preferences;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;

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
    private IReadOnlyList<PersonRow> _rows = [];
    private CancellationTokenSource? _load;
    private ClaimsPrincipal _viewer = new();
    private PeopleFilter _filter = new();
    private int _page;
    private string? _person;
    private int _pageSize = 25;
    private int _total;
    private int Columns => ShowClinic ? 9 : 8;
    private bool _totalKnown = true;
    private (PeopleQuery Filter, int Total)? _counted;
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
        await LoadAsync();
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

    // The page the view names. A newer load (the viewer typing on, say) makes an older one's rows moot.
    private async Task LoadAsync()
    {
        if (_load is { } previous) await previous.CancelAsync();
        using var load = _load = new CancellationTokenSource();
        _loading = true;
        StateHasChanged();
        try
        {
            var query = _filter.ToQuery(OnlyNeedingAttention, _page, _pageSize);
            var counted = _counted is { } c && c.Filter == CountKey(query) ? c.Total : (int?)null;
            var page = await Directory.PageAsync(_viewer, query, counted, load.Token);
            if (load.IsCancellationRequested || _disposed) return;
            if (page.Rows.Count == 0 && _page > 0)
            {
                // Past the end (an old link, or people left): the last page that has anyone on it.
                _page = Math.Max(0, (await Directory.CountAsync(_viewer, CountKey(query), load.Token) - 1) / _pageSize);
                WriteAddress();
                await LoadAsync();
                return;
            }
            _store.Reset(page.Rows);
            _rows = page.Rows;
            // Ticks belong to this filter, sort, page and page size; a reload of the same view keeps them.
            _selection.Follow((_filter, _page, _pageSize), page.Rows.Select(r => r.UserId));
            (_total, _totalKnown) = (page.Total, page.TotalKnown);
            if (!page.TotalKnown) _ = CountAfterShownAsync(CountKey(query));
        }
        catch (OperationCanceledException) when (load.IsCancellationRequested)
        {
            return; // the newer load draws
        }
        finally
        {
            if (_load == load) _load = null;
        }
        _loading = false;
        StateHasChanged();
    }

    private async Task PageChangedAsync(int page)
    {
        if (page == _page) return;
        _page = page;
        WriteAddress();
        await LoadAsync();
    }

    // A new page size starts from the first page again, and is remembered for next time.
    private async Task PageSizeChangedAsync(int size)
    {
        (_pageSize, _page) = (size, 0);
        await Preferences.UpdateAsync(p => p with { PageSize = size });
        WriteAddress();
        await LoadAsync();
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
        if (!_ready || (_filter.IsEmpty && !OnlyNeedingAttention)) return;
        var filter = CountKey(_filter.ToQuery(OnlyNeedingAttention, 0, 1));
        var total = await Directory.CountAsync(_viewer, filter);
        _counted = (filter, total);
        if (total != _total) await LoadAsync();
    }

    // What a count depends on: the filter, not the page, its size or the sort.
    private static PeopleQuery CountKey(PeopleQuery query) => query with { Page = 0, PageSize = 1, Sort = PeopleSort.Name, Descending = false };

    // A view's first page is on screen before its matches are counted (10,000 of them cost far more than 25 rows); the
    // count follows and reaches the pager (the rows stay as they are), and later pages of the same filter reuse it.
    private Task CountAfterShownAsync(PeopleQuery filter) => InvokeAsync(async () =>
    {
        try
        {
            var total = await Directory.CountAsync(_viewer, filter);
            if (_disposed || CountKey(_filter.ToQuery(OnlyNeedingAttention, 0, 1)) != filter) return;
            _counted = (filter, total);
            (_total, _totalKnown) = (total, true);
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private Task RedrawRowAsync(PersonRow row) => RedrawRowAsync(row, raiseChanged: true);

    private async Task RedrawRowAsync(PersonRow row, bool raiseChanged)
    {
        if (await Directory.RowAsync(_viewer, row.UserId) is { } fresh) _store.Update(fresh);
        if (raiseChanged) await OnChanged.InvokeAsync();
    }

    // A second press on the sorted column turns the order round; another column starts ascending.
    private Task SortByAsync(PeopleSort sort) =>
        FilterChangedAsync(_filter with { Sort = sort, Descending = _filter.Sort == sort && !_filter.Descending });

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

    private Task ReloadAsync() => _ready ? LoadAsync() : Task.CompletedTask;

    // Replace, not push: refining a filter should not fill the back button with every keystroke.
    private void WriteAddress()
    {
        var address = PeopleUrl.Write(Navigation.Uri, _filter, _page);
        if (address != Navigation.Uri) Navigation.NavigateTo(address, replace: true);
    }

    // Pushed, not replaced: the back button closes the panel again.
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
        _load?.Cancel();
        Navigation.LocationChanged -= OnLocationChanged;
        _subscription?.Dispose();
    }
}
