using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace FullscriptPortal.Auth;

/// <summary>The account security page: set up, replace or turn off the authenticator app, and new recovery codes.</summary>
public sealed partial class Security
{
    [Inject] private UserManager<PortalUser> Users { get; set; } = default!;
    [Inject] private AuthenticatorEnrolment Enrolment { get; set; } = default!;
    [Inject] private StaffTwoFactorRule Rule { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [CascadingParameter] private HttpContext HttpContext { get; set; } = default!;
    [SupplyParameterFromForm(FormName = "enable", Name = "Enable")] private CodeInput? EnableInput { get; set; }
    [SupplyParameterFromForm(FormName = "turn-off", Name = "TurnOff")] private CodeInput? TurnOffInput { get; set; }

    private PortalUser? _user;
    private bool _enabled;
    private bool _required;
    private int _codesLeft;
    private AuthenticatorSetup? _setup;
    private IReadOnlyList<string>? _recoveryCodes;
    private string? _error;
    private string? _notice;

    private CodeInput Enable => EnableInput ??= new();
    private CodeInput TurnOff => TurnOffInput ??= new();

    protected override async Task OnInitializedAsync()
    {
        // The page shows the shared key and recovery codes: no cache may keep it.
        HttpContext.Response.Headers.CacheControl = "no-store";
        if (await Users.GetUserAsync(HttpContext.User) is not { } user)
        {
            // The account went away under a live cookie: nothing to show but the way back in.
            Navigation.NavigateTo(AccountEndpoints.SignInPath);
            return;
        }
        _user = user;
        _required = Rule.AppliesTo(HttpContext.User);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_user is null) return;
        _enabled = await Users.GetTwoFactorEnabledAsync(_user);
        _setup = _enabled ? null : await Enrolment.SetupAsync(_user);
        _codesLeft = _enabled ? await Enrolment.RecoveryCodesLeftAsync(_user) : 0;
    }

    private async Task EnableAsync()
    {
        if (_user is null || _enabled) return;
        _recoveryCodes = await Enrolment.EnableAsync(_user, Enable.Code);
        if (_recoveryCodes is null)
        {
            _error = "That code isn't right. Enter the 6-digit code your authenticator app shows now (check your phone's clock is set automatically).";
            return;
        }
        _notice = "Two-step sign-in is on. From now on, signing in asks for a code from your app.";
        await LoadAsync();
    }

    private async Task NewRecoveryCodesAsync()
    {
        if (_user is null || !_enabled) return;
        _recoveryCodes = await Enrolment.NewRecoveryCodesAsync(_user);
        _notice = "New recovery codes made; the old ones no longer work.";
        await LoadAsync();
    }

    private async Task TurnOffAsync()
    {
        if (_user is null || !_enabled) return;
        switch (await Enrolment.TurnOffAsync(_user, TurnOff.Code))
        {
            case ConfirmOutcome.Confirmed:
                _notice = _required ? "Your old app no longer works. Set up the new one below." : "Two-step sign-in is off.";
                await LoadAsync();
                break;
            case ConfirmOutcome.LockedOut:
                _error = "Too many failed attempts. This account is locked for a few minutes; try again later.";
                break;
            default:
                _error = "That code isn't right. Enter the current code from your authenticator app, or an unused recovery code.";
                break;
        }
    }

    private sealed class CodeInput
    {
        [Required(ErrorMessage = "Enter the code from your authenticator app."), MaxLength(AuthenticatorCode.MaxLength)]
        public string Code { get; set; } = "";
    }
}
