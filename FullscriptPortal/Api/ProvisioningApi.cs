using System.Security.Claims;
using FullscriptPortal.Connections;
using FullscriptPortal.Mail;
using FullscriptPortal.People;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.Api;

/// <summary>Clinics and people by the integrating app's own ids, created or updated idempotently, so a real deployment
/// needs no hand-made rows.</summary>
internal static class ProvisioningApi
{
    public static RouteGroupBuilder MapProvisioningApi(this RouteGroupBuilder api)
    {
        api.MapPut("/clinics/{externalId}", PutClinicAsync).WithName("PutClinic")
            .Produces<ApiClinic>().Produces<ApiClinic>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict).WithSummary("Creates or updates a clinic.");
        api.MapPut("/users/{externalId}", PutUserAsync).WithName("PutUser")
            .Produces<ApiUser>().Produces<ApiUser>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Creates or updates a person; a new person gets a single-use invitation link to choose their password, e-mailed to them when the portal has SMTP configured.");
        api.MapDelete("/users/{externalId}", DeactivateUserAsync).WithName("DeactivateUser")
            .Produces<ApiDisconnectResult>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Deactivates a person and disconnects their connection at Fullscript.");
        return api;
    }

    private static async Task<IResult> PutClinicAsync(string externalId, ApiClinicRequest? request, ClaimsPrincipal client,
        ClinicAdmin clinics, CancellationToken cancellationToken)
    {
        var outcome = await clinics.PutAsync(client, externalId, request?.Name, request?.FullscriptClinicId, cancellationToken);
        if (!outcome.Succeeded) return Problem(outcome);
        var body = new ApiClinic(externalId, outcome.Clinic!.Name, outcome.Clinic.FullscriptClinicId);
        return outcome.Result == PeopleResult.Created ? TypedResults.Created($"/api/v1/clinics/{externalId}", body) : TypedResults.Ok(body);
    }

    private static async Task<IResult> PutUserAsync(string externalId, ApiUserRequest? request, ClaimsPrincipal client, HttpContext http,
        PeopleAdmin people, PortalEmails emails, CancellationToken cancellationToken)
    {
        var role = request?.Role is { } roleName ? ApiPeople.Roles.GetValueOrDefault(roleName) : null;
        var outcome = await people.PutAsync(client, externalId, new PersonRequest(request?.Email, request?.DisplayName, role), request?.Clinic, cancellationToken);
        if (!outcome.Succeeded) return Problem(outcome);
        var person = ApiPeople.Person(outcome.User!, outcome.Role!, outcome.Clinic!.ExternalId);
        if (outcome.InvitationPath is not { } invitation) return TypedResults.Ok(new ApiUser(person, null, null, InvitationEmailed: false));
        var url = ConnectionsApi.Absolute(http, invitation);
        // The person exists by now, so a mail server that fails is reported in the answer, never as an error.
        var mailed = await emails.SendInvitationAsync(outcome.User!.Email!, outcome.User.DisplayName, url, outcome.InvitationExpiresAt!.Value, cancellationToken);
        return TypedResults.Created($"/api/v1/users/{externalId}", new ApiUser(person, url, outcome.InvitationExpiresAt, mailed == MailOutcome.Sent));
    }

    private static async Task<IResult> DeactivateUserAsync(string externalId, string? reason, ClaimsPrincipal client, PeopleAdmin people, CancellationToken cancellationToken)
    {
        var outcome = await people.DeactivateByExternalIdAsync(client, externalId, reason, cancellationToken);
        if (!outcome.Succeeded) return outcome.Result == PeopleResult.NotFound ? ApiProblems.NotFound($"There is no person \"{externalId}\".") : Problem(outcome);
        var disconnect = outcome.Disconnect;
        return TypedResults.Ok(new ApiDisconnectResult(disconnect is null ? ConnectionState.NotConnected : ConnectionState.Revoked,
            Pending: disconnect?.Result == DisconnectResult.Pending, outcome.Message));
    }

    private static IResult Problem(PeopleOutcome outcome) => outcome.Result switch
    {
        PeopleResult.Refused => ApiProblems.Forbidden(outcome.Message),
        PeopleResult.NotFound => ApiProblems.NotFound(outcome.Message),
        PeopleResult.Conflict => ApiProblems.Conflict(outcome.Message),
        _ => outcome.Errors.Count > 0
            ? ApiProblems.Invalid("Some fields are not valid.", outcome.Errors.ToDictionary(e => e.Key, e => e.Key == "role" ? [RoleRule] : e.Value))
            : ApiProblems.Invalid(outcome.Message),
    };

    private static readonly string RoleRule = "One of: " + string.Join(", ", ApiPeople.Roles.Keys) + ".";
}
