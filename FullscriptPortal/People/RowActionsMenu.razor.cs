using System.Security.Claims;
using FullscriptPortal.Clinics;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Components.Viewer;
using FullscriptPortal.Connections;
using FullscriptPortal.Support;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace FullscriptPortal.People;

public sealed partial class RowActionsMenu
{
    [Parameter, EditorRequired] public PersonRow Row { get; set; } = default!;
    [Parameter, EditorRequired] public ClaimsPrincipal Viewer { get; set; } = default!;

    /// <summary>Raised after an action that may have changed the row, so the grid can redraw it.</summary>
    [Parameter] public EventCallback<PersonRow> OnActed { get; set; }

    [Inject] private ConnectionDirectory Directory { get; set; } = default!;
    [Inject] private Invites Invites { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private CircuitClock Clock { get; set; } = default!;
    [Inject] private ViewerTime ViewerTime { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>Open as soon as drawn: a grid row shows only a button (markup) until it is pressed, and this menu takes
    /// its place then.</summary>
    [Parameter] public bool OpenAtOnce { get; set; }

    private bool _busy;
    private bool _open;

    // Drawn again only when its row (by value), its viewer or its own state changed, not each time the grid redraws.
    private (PersonRow, ClaimsPrincipal, bool, bool) _drawn;

    protected override bool ShouldRender() => (Row, Viewer, _busy, _open) != _drawn;

    private MudMenu? _menu;

    // The pressed button made way for the menu's own: the menu opens as when its own button is pressed, and the focus
    // returns to that button, so arrows, Enter and Escape work from the first press on.
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !OpenAtOnce || _menu is null) return;
        try
        {
            await _menu.OpenMenuAsync(EventArgs.Empty);
            await JS.InvokeVoidAsync("portalFocusRowMenu", Row.UserId);
        }
        catch (JSDisconnectedException)
        {
            // The page went away: nothing to focus.
        }
    }

    private static string Label(RowAction action) => action switch
    {
        RowAction.Invite => "Create invite link",
        RowAction.ResendInvite => "Resend invite",
        RowAction.CancelInvite => "Cancel invite",
        RowAction.ConnectOnBehalf => "Connect on their behalf",
        RowAction.Refresh => "Refresh now",
        RowAction.Disconnect => "Disconnect",
        _ => "Revoke with a reason",
    };

    private async Task RunAsync(RowAction action)
    {
        var row = Row;
        switch (action)
        {
            case RowAction.Invite:
                InviteLink? link = null;
                await BusyAsync(row, async () => link = await Invites.CreateAsync(Viewer, row.UserId, CancellationToken.None));
                if (link is not null)
                    await Dialogs.ShowAsync<InviteDialog>("Invite link", new DialogParameters<InviteDialog> { { d => d.PersonName, row.DisplayName }, { d => d.PersonEmail, row.Email }, { d => d.Link, link } });
                else Snackbar.Add("You cannot invite this person.", Severity.Error);
                return;
            case RowAction.ResendInvite:
                await ResendInviteAsync(row);
                return;
            case RowAction.CancelInvite:
                if (await InviteActions.ConfirmCancelAsync(Dialogs, row.DisplayName)) await BusyAsync(row, () => CancelInviteAsync(row));
                return;
            case RowAction.ConnectOnBehalf:
                // The staff member signs in to Fullscript here, at this screen; the flow comes back to this page.
                Navigation.NavigateTo($"/connect/fullscript?for={Uri.EscapeDataString(row.UserId)}&returnUrl=%2Fclinic", forceLoad: true);
                return;
            case RowAction.Refresh:
                await BusyAsync(row, async () =>
                {
                    var outcome = await Directory.RefreshAsync(Viewer, row.UserId);
                    Snackbar.Add($"{row.DisplayName}: {OutcomeText.For(outcome, ViewerTime)}", outcome.Succeeded ? Severity.Success : Severity.Warning);
                });
                return;
            case RowAction.Disconnect:
                if (await Dialogs.ShowMessageBoxAsync($"Disconnect {row.DisplayName}?",
                        $"The portal asks Fullscript to revoke its access to {row.DisplayName}'s account and forgets the tokens.",
                        yesText: "Disconnect", cancelText: "Cancel") != true) return;
                await BusyAsync(row, async () => Report(row, await Directory.DisconnectAsync(Viewer, row.UserId)));
                return;
            case RowAction.Revoke:
                // The dialog stays open, its button busy, until Fullscript answered.
                await Dialogs.ShowAsync<RevokeDialog>("Revoke", new DialogParameters<RevokeDialog>
                {
                    { d => d.PersonName, row.DisplayName },
                    { d => d.OnRevoke, reason => BusyAsync(row, async () => Report(row, await Directory.RevokeAsync(Viewer, row.UserId, reason))) },
                });
                return;
        }
    }

    private async Task ResendInviteAsync(PersonRow row)
    {
        InviteOutcome? outcome = null;
        await BusyAsync(row, async () => outcome = await Invites.ResendAsync(Viewer, row.UserId, new Uri(Navigation.BaseUri)));
        await InviteActions.ShowResentAsync(Dialogs, Snackbar, row, outcome!);
    }

    private async Task CancelInviteAsync(PersonRow row) => InviteActions.Report(Snackbar, await Invites.CancelAsync(Viewer, row.UserId));

    private void Report(PersonRow row, DisconnectOutcome outcome) =>
        Snackbar.Add($"{row.DisplayName}: {OutcomeText.For(outcome)}", outcome.Result == DisconnectResult.Disconnected ? Severity.Success : Severity.Warning);

    private async Task BusyAsync(PersonRow row, Func<Task> work, bool reportActed = true)
    {
        if (_busy) return;
        _busy = true;
        // Shown now: after a confirmation dialog the click's own render has already happened.
        StateHasChanged();
        try
        {
            await work();
            if (reportActed) await OnActed.InvokeAsync(row);
        }
        finally
        {
            _busy = false;
            StateHasChanged();
        }
    }
}
