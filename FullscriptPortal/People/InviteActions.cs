using FullscriptPortal.Clinics;
using FullscriptPortal.Connections;
using MudBlazor;

namespace FullscriptPortal.People;

/// <summary>The confirmation and the reports of resend and cancel, the same from a row's menu and from the detail panel.</summary>
public static class InviteActions
{
    public static async Task<bool> ConfirmCancelAsync(IDialogService dialogs, string personName) =>
        await dialogs.ShowMessageBoxAsync($"Cancel {personName}'s invite?",
            $"The invite link stops working at once; whoever follows it is told it was cancelled. You can invite {personName} again later.",
            yesText: "Cancel invite", cancelText: "Keep it") == true;

    /// <summary>A fresh link is shown once, in the invite dialog (which says whether it was e-mailed); a refusal in words.</summary>
    public static async Task ShowResentAsync(IDialogService dialogs, ISnackbar snackbar, PersonRow row, InviteOutcome outcome)
    {
        if (outcome.Link is not { } link)
        {
            Report(snackbar, outcome);
            return;
        }
        await dialogs.ShowAsync<InviteDialog>("Fresh invite link", new DialogParameters<InviteDialog>
        {
            { d => d.PersonName, row.DisplayName },
            { d => d.PersonEmail, row.Email },
            { d => d.Link, link },
            { d => d.Fresh, true },
            { d => d.Mailed, outcome.Mailed },
        });
    }

    public static void Report(ISnackbar snackbar, InviteOutcome outcome) =>
        snackbar.Add(outcome.Message, outcome.Succeeded ? Severity.Success : Severity.Warning);
}
