using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Mail;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

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
        IDbContextFactory<PortalDbContext> dbs, TimeProvider time, CancellationToken cancellationToken)
    {
        var name = request?.Name?.Trim();
        var errors = new Dictionary<string, string[]>();
        if (!ExternalIds.IsValid(externalId)) errors["externalId"] = [ExternalIdRule];
        if (name is not { Length: > 0 and <= 200 }) errors["name"] = ["Give the clinic a name of 1 to 200 characters."];
        if (request?.FullscriptClinicId is { Length: > 100 }) errors["fullscript_clinic_id"] = ["At most 100 characters."];
        if (errors.Count > 0) return ApiProblems.Invalid("Some fields are not valid.", errors);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var clinic = await db.Clinics.SingleOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);
        if (clinic is null ? !ConnectionPolicy.MayCreateClinics(client) : !ConnectionPolicy.MayManageClinic(client, clinic.Id))
            return ApiProblems.Forbidden("This API key is for another clinic; only a key for every clinic creates clinics.");
        if (await db.Clinics.AnyAsync(c => c.Name == name && c.ExternalId != externalId, cancellationToken))
            return ApiProblems.Conflict($"Another clinic is already named \"{name}\".");

        var created = clinic is null;
        clinic ??= db.Clinics.Add(new Clinic { Name = name!, ExternalId = externalId }).Entity;
        (clinic.Name, clinic.FullscriptClinicId) = (name!, request!.FullscriptClinicId ?? clinic.FullscriptClinicId);
        db.Audit(time.GetUtcNow(), AuditActions.Provisioned, created ? "clinic-created" : "clinic-updated", client.UserId()!, detail: $"{externalId}: {name}");
        await db.SaveChangesAsync(cancellationToken);
        var body = new ApiClinic(externalId, clinic.Name, clinic.FullscriptClinicId);
        return created ? TypedResults.Created($"/api/v1/clinics/{externalId}", body) : TypedResults.Ok(body);
    }

    private static async Task<IResult> PutUserAsync(string externalId, ApiUserRequest? request, ClaimsPrincipal client, HttpContext http,
        IDbContextFactory<PortalDbContext> dbs, UserManager<PortalUser> users, AccountInvitations invitations, PortalEmails emails, TimeProvider time, CancellationToken cancellationToken)
    {
        var email = request?.Email?.Trim();
        var displayName = request?.DisplayName?.Trim();
        var errors = new Dictionary<string, string[]>();
        if (!ExternalIds.IsValid(externalId)) errors["externalId"] = [ExternalIdRule];
        if (email is not { Length: > 3 and <= 256 } || !new System.ComponentModel.DataAnnotations.EmailAddressAttribute().IsValid(email))
            errors["email"] = ["Give a valid email address."];
        if (displayName is not { Length: > 0 and <= 200 }) errors["display_name"] = ["Give a display name of 1 to 200 characters."];
        var role = request?.Role is { } roleName ? ApiPeople.Roles.GetValueOrDefault(roleName) : null;
        if (role is null) errors["role"] = ["One of: " + string.Join(", ", ApiPeople.Roles.Keys) + "."];
        if (!ExternalIds.IsValid(request?.Clinic)) errors["clinic"] = ["The clinic's externalId."];
        if (errors.Count > 0) return ApiProblems.Invalid("Some fields are not valid.", errors);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var clinic = await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.ExternalId == request!.Clinic, cancellationToken);
        if (clinic is null) return ApiProblems.Invalid($"There is no clinic \"{request!.Clinic}\"; create it first with PUT /api/v1/clinics/{request.Clinic}.");
        if (!ConnectionPolicy.MayManageClinic(client, clinic.Id)) return ApiProblems.Forbidden("This API key is for another clinic.");

        var user = await users.Users.SingleOrDefaultAsync(u => u.ExternalId == externalId, cancellationToken);
        if (user is not null && !ConnectionPolicy.MayManageClinic(client, user.ClinicId)) return ApiProblems.Forbidden("This person belongs to a clinic this API key may not act on.");
        var byEmail = await users.FindByEmailAsync(email!);
        if (byEmail is not null && byEmail.Id != user?.Id) return ApiProblems.Conflict("Another person already has this email address.");

        var created = user is null;
        user ??= new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName!, ExternalId = externalId };
        var before = created ? null : $"{user.Email}, {user.DisplayName}, clinic {user.ClinicId}";
        (user.UserName, user.Email, user.DisplayName, user.ClinicId) = (email, email, displayName!, clinic.Id);
        var result = created ? await users.CreateAsync(user) : await users.UpdateAsync(user);
        if (!result.Succeeded) return ApiProblems.Invalid(string.Join(" ", result.Errors.Select(e => e.Description)));

        var roles = await users.GetRolesAsync(user);
        if (!roles.SequenceEqual([role!]))
        {
            await users.RemoveFromRolesAsync(user, roles);
            await users.AddToRoleAsync(user, role!);
            // A changed role must not live on in a cookie or an open dashboard.
            if (!created) await users.UpdateSecurityStampAsync(user);
        }

        db.Audit(time.GetUtcNow(), AuditActions.Provisioned, created ? "user-created" : "user-updated", client.UserId()!, user.Id,
            detail: created ? $"{externalId}: {role}, clinic {clinic.ExternalId}" : $"{externalId}: was {before}; now {role}, clinic {clinic.ExternalId}");
        await db.SaveChangesAsync(cancellationToken);

        var person = ApiPeople.Person(user, role!, clinic.ExternalId);
        if (!created) return TypedResults.Ok(new ApiUser(person, null, null, InvitationEmailed: false));
        var (invitation, expiresAt) = await invitations.CreateAsync(user);
        var url = ConnectionsApi.Absolute(http, invitation);
        // The person exists by now, so a mail server that fails is reported in the answer, never as an error.
        var mailed = await emails.SendInvitationAsync(email!, displayName!, url, expiresAt, cancellationToken);
        return TypedResults.Created($"/api/v1/users/{externalId}", new ApiUser(person, url, expiresAt, mailed == MailOutcome.Sent));
    }

    private static async Task<IResult> DeactivateUserAsync(string externalId, string? reason, ClaimsPrincipal client,
        IDbContextFactory<PortalDbContext> dbs, UserManager<PortalUser> users, Disconnector disconnector,
        IOptionsSnapshot<FullscriptOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var person = await ApiPeople.FindAsync(db, externalId, cancellationToken);
        if (person is null) return ApiProblems.NotFound($"There is no person \"{externalId}\".");
        if (!ConnectionPolicy.MayManageClinic(client, person.User.ClinicId)) return ApiProblems.Forbidden("This person belongs to a clinic this API key may not act on.");

        var user = (await users.FindByIdAsync(person.User.Id))!;
        var now = time.GetUtcNow();
        if (user.DeactivatedAt is null)
        {
            user.DeactivatedAt = now;
            // Locked for good and every session ended: a deactivated person can neither sign in nor keep a dashboard open.
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            db.Audit(now, AuditActions.Provisioned, "user-deactivated", client.UserId()!, user.Id, detail: reason is { Length: > 0 and <= 500 } ? reason : externalId);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Their own connection only: a clinic-level connection belongs to the clinic, not to the person leaving.
        var connectionId = options.Value.AuthorizationModel == AuthorizationModel.RoleBased
            ? await db.Connections.Where(c => c.UserId == user.Id && c.State != ConnectionState.Revoked).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken)
            : null;
        var disconnect = connectionId is { } id ? await disconnector.DisconnectAsync(id, client.UserId()!, "The person was deactivated.", cancellationToken) : null;
        return TypedResults.Ok(new ApiDisconnectResult(disconnect is null ? ConnectionState.NotConnected : ConnectionState.Revoked,
            Pending: disconnect?.Result == DisconnectResult.Pending, (disconnect is null ? null : OutcomeText.For(disconnect)) ?? "The person is deactivated; they had no connection."));
    }

    private const string ExternalIdRule = "1 to 100 letters, digits or - _ . : @.";
}
