using System.Security.Claims;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace FullscriptPortal.People;

/// <summary>Refresh, disconnect (support: revoke, with a reason) or invite every selected row: one confirmation naming how
/// many, then progress ("4 of 7 done") with a Cancel, then a summary that counts what was done, failed and skipped and
/// leaves the rows worth retrying selected.</summary>
public sealed partial class BulkToolbar
{
    [Parameter, EditorRequired] public BulkSelection Selection { get; set; } = default!;
    [Parameter, EditorRequired] public RowStore Store { get; set; } = default!;
    [Parameter, EditorRequired] public ClaimsPrincipal Viewer { get; set; } = default!;

    /// <summary>Raised once a run has finished, so the page can refresh its summary.</summary>
    [Parameter] public EventCallback OnFinished { get; set; }

    [Inject] private BulkActions Bulk { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private CircuitClock Clock { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ILogger<BulkToolbar> Logger { get; set; } = default!;

    private static readonly BulkAction[] Actions = [BulkAction.Refresh, BulkAction.Disconnect, BulkAction.Revoke, BulkAction.Invite];

    private bool _running;
    private bool _disposed;
    private bool _stopping;
    private BulkAction _action;
    private int _finished;
    private int _total;
    private CancellationTokenSource? _stop;
    private string? _summary;
    private Severity _severity;
    private IReadOnlyList<BulkItemOutcome> _unfinished = [];
    private IReadOnlyList<BulkItemOutcome> _links = [];

    protected override void OnInitialized() => Selection.Changed += OnSelectionChanged;

    // A new filter or page starts afresh: the last run's summary was about rows no longer shown.
    private void OnSelectionChanged(bool viewChanged) => _ = InvokeAsync(() =>
    {
        if (viewChanged && !_running) _summary = null;
        StateHasChanged();
    });

    /// <summary>The selected rows, in the grid's order.</summary>
    private List<PersonRow> SelectedRows() => [.. Store.Rows.Where(r => Selection.Contains(r.UserId))];

    /// <summary>The buttons this viewer's role may use on at least one selected row (a manager never sees Revoke, support
    /// never Disconnect or Invite); whether each row's state allows it is counted when it runs.</summary>
    private IEnumerable<BulkAction> Offered
    {
        get
        {
            var subjects = SelectedRows().Select(r => new ConnectionSubject(r.UserId, r.ClinicId)).ToList();
            return Actions.Where(a => subjects.Any(s => ConnectionPolicy.Allows(Viewer, a.AsConnectionAction(), s)));
        }
    }

    private static string Label(BulkAction action) => action switch
    {
        BulkAction.Refresh => "Refresh",
        BulkAction.Disconnect => "Disconnect",
        BulkAction.Revoke => "Revoke",
        _ => "Invite",
    };

    private async Task RunAsync(BulkAction action)
    {
        if (_running) return;
        var plan = BulkPlan.For(Viewer, SelectedRows(), action, Clock.Now);
        string? reason = null;
        if (plan.ToRun.Count > 0 && action is BulkAction.Disconnect or BulkAction.Revoke)
        {
            if (await ConfirmAsync(action, plan) is not { } confirmed) return;
            reason = confirmed;
        }

        (_action, _running, _stopping, _finished, _total, _summary) = (action, true, false, 0, plan.ToRun.Count, null);
        using var stop = _stop = new CancellationTokenSource();
        StateHasChanged();
        IReadOnlyList<BulkItemOutcome> outcomes = [];
        try
        {
            var request = new BulkRequest(action, reason, new Uri(Navigation.BaseUri));
            outcomes = await BulkRunner.RunAsync(plan.ToRun, row => Bulk.RunOneAsync(Viewer, request, row), _ =>
            {
                _finished++;
                return InvokeAsync(StateHasChanged);
            }, Logger, stop.Token);
        }
        finally
        {
            (_running, _stop) = (false, null);
        }
        // Left the page meanwhile: the running items finished, nobody is there to read the summary.
        if (_disposed) return;
        Show(action, [.. plan.Skipped, .. outcomes]);
        await OnFinished.InvokeAsync();
    }

    // Null when the viewer cancelled; otherwise the reason (empty for a disconnect).
    private async Task<string?> ConfirmAsync(BulkAction action, BulkPlan plan)
    {
        var dialog = await Dialogs.ShowAsync<BulkConfirmDialog>(BulkSummary.ConfirmTitle(action, plan.ToRun.Count), new DialogParameters<BulkConfirmDialog>
        {
            { d => d.Title, BulkSummary.ConfirmTitle(action, plan.ToRun.Count) },
            { d => d.Message, BulkSummary.ConfirmMessage(action, plan.ToRun.Count) },
            { d => d.Skipped, BulkSummary.SkippedNote(plan.Skipped) },
            { d => d.ConfirmText, $"{Label(action)} {BulkSummary.People(plan.ToRun.Count)}" },
            { d => d.AskReason, action == BulkAction.Revoke },
        });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string reason } ? reason : null;
    }

    private void Show(BulkAction action, IReadOnlyCollection<BulkItemOutcome> outcomes)
    {
        _summary = BulkSummary.Of(action, outcomes);
        _severity = outcomes.Any(o => o.Retryable) ? Severity.Warning : outcomes.Any(o => o.Result == BulkResult.Done) ? Severity.Success : Severity.Info;
        _unfinished = [.. outcomes.Where(o => o.Result != BulkResult.Done)];
        _links = [.. outcomes.Where(o => o.InvitePath is not null)];
        // What failed or never started stays selected, to try again with one press; the rest are done or cannot be.
        Selection.SetOnly(outcomes.Where(o => o.Retryable && Store.Contains(o.UserId)).Select(o => o.UserId));
    }

    private void Stop()
    {
        _stopping = true;
        _stop?.Cancel();
    }

    private void Dismiss() => _summary = null;

    public void Dispose()
    {
        _disposed = true;
        Selection.Changed -= OnSelectionChanged;
        _stop?.Cancel();
    }
}
