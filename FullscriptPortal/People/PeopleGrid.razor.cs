using System.Security.Claims;
using FullscriptPortal.Components.Preferences;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace FullscriptPortal.People;

/// <summary>The table of people with live rows: loads a page at a time, remembers the viewer's filters and page size, and
/// redraws a row when its connection changes.</summary>
public sealed partial class PeopleGrid
{
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    /// <summary>Support sees every clinic; a manager only their own, so the column would say nothing.</summary>
    [Parameter] public bool ShowClinic { get; set; }

    /// <summary>Support's queue: only connections that are failing, need reconnecting or wait for a disconnect.</summary>
    [Parameter] public bool OnlyNeedingAttention { get; set; }

    /// <summary>Raised after an action or a live change, so the page can refresh its summary.</summary>
    [Parameter] public EventCallback OnChanged { get; set; }

    [Inject] private ConnectionDirectory Directory { get; set; } = default!;
    [Inject] private ConnectionNotifier Notifier { get; set; } = default!;
    [Inject] private PreferencesStore Preferences { get; set; } = default!;
    [Inject] private CircuitClock Clock { get; set; } = default!;

    private readonly RowStore _store = new();
    private MudDataGrid<PersonRow> _grid = default!;
    private ClaimsPrincipal _viewer = new();
    private PeopleFilter _filter = new();
    private int _pageSize = 25;
    private bool _loading;
    private bool _preferencesLoaded;
    private IDisposable? _subscription;
    private bool _disposed;

    private DateTimeOffset Now => Clock.Now;

    protected override async Task OnInitializedAsync() => _viewer = (await Authentication).User;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        var preferences = await Preferences.LoadAsync();
        _filter = _filter with { Search = preferences.LastSearch, State = OnlyNeedingAttention ? null : preferences.LastState };
        (_pageSize, _preferencesLoaded) = (preferences.PageSize, true);
        await _grid.SetRowsPerPageAsync(_pageSize);
        StateHasChanged();
    }

    // MudDataGrid loads only once interactive (never while prerendering), so the subscription is made after the first render.
    private async Task<GridData<PersonRow>> LoadAsync(GridState<PersonRow> state, CancellationToken cancellationToken)
    {
        _loading = true;
        var page = await Directory.QueryAsync(_viewer, _filter.ToQuery(OnlyNeedingAttention, state.Page, state.PageSize), cancellationToken);
        _store.Reset(page.Rows);
        ListenTo(page.Rows);
        _loading = false;
        if (_preferencesLoaded && state.PageSize != _pageSize)
        {
            _pageSize = state.PageSize;
            await Preferences.UpdateAsync(p => p with { PageSize = _pageSize });
        }
        return new GridData<PersonRow> { Items = page.Rows, TotalItems = page.Total };
    }

    // Only the people on this page: a change to anyone else's connection does not wake this circuit.
    private void ListenTo(IEnumerable<PersonRow> rows)
    {
        if (_disposed) return;
        _subscription?.Dispose();
        _subscription = Notifier.Subscribe(rows.Select(r => ChangeKey.User(r.UserId)), OnConnectionChangedAsync);
    }

    // A change from another tab, another user or the worker redraws only the row it concerns.
    private Task OnConnectionChangedAsync(ConnectionChange change) => InvokeAsync(async () =>
    {
        try
        {
            if (change.UserId is not { } userId || _store.Get(userId) is not { } row) return;
            await RedrawRowAsync(row);
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private async Task RedrawRowAsync(PersonRow row)
    {
        if (await Directory.RowAsync(_viewer, row.UserId) is { } fresh) _store.Update(fresh);
        await OnChanged.InvokeAsync();
    }

    private async Task FilterChangedAsync(PeopleFilter filter)
    {
        var remembered = filter.Search != _filter.Search || filter.State != _filter.State;
        _filter = filter;
        if (remembered)
            await Preferences.UpdateAsync(p => p with { LastSearch = _filter.Search, LastState = OnlyNeedingAttention ? p.LastState : _filter.State });
        await _grid.ReloadServerData();
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
    }
}
