using System.Security.Claims;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Live;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Microsoft.JSInterop;
using MudBlazor;

namespace FullscriptPortal.People;

/// <summary>The detail panel of one person: loads their <see cref="PersonDetail"/> when <see cref="UserId"/> names someone
/// the viewer may see, and reloads it whenever their connection changes.</summary>
public sealed partial class PersonDetailPanel
{
    /// <summary>The person to show (from the address); null or someone out of scope shows nothing.</summary>
    [Parameter] public string? UserId { get; set; }

    [Parameter, EditorRequired] public ClaimsPrincipal Viewer { get; set; } = default!;

    /// <summary>Raised when the viewer closes the panel, so the page can take the person out of the address.</summary>
    [Parameter] public EventCallback OnClose { get; set; }

    /// <summary>Raised after an action from the panel, so the grid can redraw the row.</summary>
    [Parameter] public EventCallback<PersonRow> OnActed { get; set; }

    [Inject] private PersonDetailQuery Query { get; set; } = default!;
    [Inject] private ConnectionNotifier Notifier { get; set; } = default!;
    [Inject] private CircuitClock Clock { get; set; } = default!;
    [Inject] private IOptionsMonitor<FullscriptOptions> Options { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Invites Invites { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private PersonDetail? _detail;
    private string? _shown;
    private IDisposable? _subscription;
    private bool _disposed;

    private IReadOnlyList<string> Required => Options.CurrentValue.RequiredScopes;

    protected override async Task OnParametersSetAsync()
    {
        if (UserId == _shown) return;
        _shown = UserId;
        _subscription?.Dispose();
        _subscription = null;
        _detail = await Query.DetailAsync(Viewer, UserId);
        // Only someone the viewer may see is followed; the person key wakes on any change of their connection.
        if (_detail is not null && !_disposed) _subscription = Notifier.Subscribe(ChangeKey.User(_detail.Row.UserId), OnConnectionChangedAsync);
    }

    private Task OnConnectionChangedAsync(ConnectionChange change) => InvokeAsync(async () =>
    {
        try
        {
            if (_disposed || _shown is null) return;
            _detail = await Query.DetailAsync(Viewer, _shown);
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private async Task ActedAsync(PersonRow row)
    {
        _detail = await Query.DetailAsync(Viewer, _shown);
        await OnActed.InvokeAsync(row);
    }

    // The panel's own buttons, busy until the service answered; the row's menu in the header offers the same.
    private async Task ResendInviteAsync()
    {
        if (_detail?.Row is not { } row) return;
        var outcome = await Invites.ResendAsync(Viewer, row.UserId, new Uri(Navigation.BaseUri));
        await ActedAsync(row);
        await InviteActions.ShowResentAsync(Dialogs, Snackbar, row, outcome);
    }

    private async Task CancelInviteAsync()
    {
        if (_detail?.Row is not { } row || !await InviteActions.ConfirmCancelAsync(Dialogs, row.DisplayName)) return;
        InviteActions.Report(Snackbar, await Invites.CancelAsync(Viewer, row.UserId));
        await ActedAsync(row);
    }

    private async Task OpenChangedAsync(bool open)
    {
        if (!open) await CloseAsync();
    }

    private Task CloseAsync() => OnClose.InvokeAsync();

    private async Task CopyAsync(string text)
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", text);
        }
        catch (JSException)
        {
            // Clipboard refused (insecure origin or permissions): the id stays selectable on the page.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _subscription?.Dispose();
    }
}
