using System.Globalization;
using FullscriptPortal.Audit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace FullscriptPortal.Support;

/// <summary>Support's audit trail: filters in people's words, export with the same filters, and new entries live.</summary>
public sealed partial class AuditPage
{
    [Inject] private AuditTrailQuery Audit { get; set; } = default!;
    [Inject] private AuditNotifier Notifier { get; set; } = default!;
    [CascadingParameter] private Task<AuthenticationState> Authentication { get; set; } = default!;

    private MudDataGrid<AuditRow> _grid = default!;
    private AuditFilter _filter = new();
    private IReadOnlyList<string> _outcomes = [];
    private string? _fromDay;
    private string? _toDay;
    private IDisposable? _subscription;
    private int _reloading;

    protected override async Task OnInitializedAsync() => await LoadOutcomesAsync();

    // Subscribed once interactive, not while prerendering.
    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender) _subscription = Notifier.Subscribe(() => InvokeAsync(ReloadLiveAsync));
    }

    private async Task<GridData<AuditRow>> LoadAsync(GridState<AuditRow> state, CancellationToken cancellationToken)
    {
        var (rows, total) = await Audit.QueryAsync((await Authentication).User, _filter with { Page = state.Page, PageSize = state.PageSize }, cancellationToken);
        return new GridData<AuditRow> { Items = rows, TotalItems = total };
    }

    /// <summary>New entries were written: the grid and the outcomes on offer follow. A burst of writes while a reload is
    /// running is caught by the reload after it.</summary>
    private async Task ReloadLiveAsync()
    {
        if (Interlocked.Increment(ref _reloading) > 1) return;
        try
        {
            do
            {
                Volatile.Write(ref _reloading, 1);
                await LoadOutcomesAsync();
                await _grid.ReloadServerData();
            }
            while (Interlocked.CompareExchange(ref _reloading, 0, 1) != 1);
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _reloading, 0);
            await DispatchExceptionAsync(ex);
        }
    }

    private async Task LoadOutcomesAsync() => _outcomes = await Audit.OutcomesAsync((await Authentication).User, _filter.Action);

    private async Task SetActionAsync(string? action)
    {
        // An outcome the newly chosen event never had would only empty the grid.
        var filter = _filter with { Action = action };
        _filter = filter;
        await LoadOutcomesAsync();
        if (filter.Outcome is { } outcome && !_outcomes.Contains(outcome)) filter = filter with { Outcome = null };
        await SetAsync(filter);
    }

    private Task SetFromAsync(string? day)
    {
        _fromDay = day;
        return SetAsync(_filter with { From = StartOf(day) });
    }

    private Task SetToAsync(string? day)
    {
        _toDay = day;
        // The whole of the last day is included.
        return SetAsync(_filter with { To = StartOf(day)?.AddDays(1) });
    }

    private static DateTimeOffset? StartOf(string? day) =>
        DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero)
            : null;

    private Task SetAsync(AuditFilter filter)
    {
        _filter = filter;
        return _grid.ReloadServerData();
    }

    private static string OutcomeLabel(string? outcome) => outcome is null ? "" : AuditEventNames.OutcomeWords(outcome);

    /// <summary>The export with the filters on screen.</summary>
    private string ExportUrl
    {
        get
        {
            var query = new Dictionary<string, string?>();
            void Add(string name, string? value)
            {
                if (!string.IsNullOrWhiteSpace(value)) query[name] = value.Trim();
            }
            Add("person", _filter.Person);
            Add("action", _filter.Action);
            Add("outcome", _filter.Outcome);
            Add("requestId", _filter.RequestId);
            Add("from", _filter.From?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            Add("to", _filter.To?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            return QueryHelpers.AddQueryString(AuditExport.Path, query);
        }
    }

    public void Dispose() => _subscription?.Dispose();
}
