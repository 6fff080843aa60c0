using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Fullscript;
using FullscriptPortal.Tokens;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace FullscriptPortal.People;

/// <summary>People added, changed and deactivated: by the API (by the integrating app's ids), by support and by clinic
/// managers in the portal. One set of rules (<see cref="ConnectionPolicy"/>) and one way of doing each, whoever asks.</summary>
public sealed class PeopleAdmin(IDbContextFactory<PortalDbContext> dbs, UserManager<PortalUser> users, AccountInvitations invitations,
    Disconnector disconnector, IOptionsMonitor<FullscriptOptions> options, TimeProvider time)
{
    /// <summary>Creates or updates the person the integrating app knows as <paramref name="externalId"/>, in the clinic it
    /// knows as <paramref name="clinicExternalId"/>.</summary>
    public async Task<PeopleOutcome> PutAsync(ClaimsPrincipal actor, string externalId, PersonRequest request, string? clinicExternalId, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (!ExternalIds.IsValid(externalId)) errors["externalId"] = [ClinicAdmin.ExternalIdRule];
        if (!ExternalIds.IsValid(clinicExternalId)) errors["clinic"] = ["The clinic's externalId."];
        if (errors.Count > 0) return PeopleOutcome.Invalid(errors);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var clinic = await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.ExternalId == clinicExternalId, cancellationToken);
        if (clinic is null) return new(PeopleResult.Invalid, $"There is no clinic \"{clinicExternalId}\"; create it first with PUT /api/v1/clinics/{clinicExternalId}.");
        var user = await users.Users.SingleOrDefaultAsync(u => u.ExternalId == externalId, cancellationToken);
        return await SaveAsync(actor, db, user, externalId, request, clinic, cancellationToken);
    }

    /// <summary>A new person made by hand in the portal, with an invitation to set their password.</summary>
    public async Task<PeopleOutcome> AddAsync(ClaimsPrincipal actor, PersonRequest request, int? clinicId, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (clinicId is null) errors["clinic"] = ["Choose a clinic."];
        if (errors.Count > 0) return PeopleOutcome.Invalid(errors);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var clinic = await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clinicId, cancellationToken);
        return clinic is null
            ? new(PeopleResult.Invalid, "There is no such clinic.")
            : await SaveAsync(actor, db, null, null, request, clinic, cancellationToken);
    }

    public async Task<PeopleOutcome> ChangeRoleAsync(ClaimsPrincipal actor, string userId, string? role, CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var user = await users.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        var clinic = user?.ClinicId is { } clinicId ? await db.Clinics.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clinicId, cancellationToken) : null;
        if (user is null || clinic is null) return new(PeopleResult.NotFound, "There is no such person in a clinic.");
        var errors = Validate(new PersonRequest(user.Email, user.DisplayName, role));
        return errors.Count > 0 ? PeopleOutcome.Invalid(errors) : await SaveAsync(actor, db, user, user.ExternalId, new(user.Email, user.DisplayName, role), clinic, cancellationToken);
    }

    public async Task<PeopleOutcome> DeactivateByExternalIdAsync(ClaimsPrincipal actor, string externalId, string? reason, CancellationToken cancellationToken) =>
        await DeactivateAsync(actor, ExternalIds.IsValid(externalId) ? await users.Users.SingleOrDefaultAsync(u => u.ExternalId == externalId, cancellationToken) : null,
            reason, cancellationToken);

    public async Task<PeopleOutcome> DeactivateAsync(ClaimsPrincipal actor, string userId, string? reason, CancellationToken cancellationToken) =>
        await DeactivateAsync(actor, await users.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken), reason, cancellationToken);

    /// <summary>Everyone in a clinic, for support (support staff themselves are not managed here).</summary>
    public async Task<IReadOnlyList<AdminPerson>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken)
    {
        if (!actor.IsInRole(PortalRoles.Support)) return [];
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var rows = await (
            from user in db.Users
            where user.ClinicId != null
            orderby user.Clinic!.Name, user.DisplayName
            select new
            {
                user.Id,
                user.Email,
                user.DisplayName,
                Clinic = user.Clinic!.Name,
                user.DeactivatedAt,
                Role = (from userRole in db.UserRoles join r in db.Roles on userRole.RoleId equals r.Id where userRole.UserId == user.Id select r.Name).FirstOrDefault(),
            }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new AdminPerson(r.Id, r.Email ?? "", r.DisplayName, r.Role ?? "", r.Clinic, r.DeactivatedAt is null))];
    }

    private static Dictionary<string, string[]> Validate(PersonRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var email = request.Email?.Trim();
        if (email is not { Length: > 3 and <= 256 } || !new EmailAddressAttribute().IsValid(email)) errors["email"] = ["Give a valid email address."];
        if (request.DisplayName?.Trim() is not { Length: > 0 and <= 200 }) errors["display_name"] = ["Give a display name of 1 to 200 characters."];
        if (request.Role is null || !ConnectionPolicy.GivableRoles.Contains(request.Role)) errors["role"] = ["Choose practitioner, staff or manager."];
        return errors;
    }

    private async Task<PeopleOutcome> SaveAsync(ClaimsPrincipal actor, PortalDbContext db, PortalUser? user, string? externalId, PersonRequest request, Clinic clinic,
        CancellationToken cancellationToken)
    {
        var (email, displayName, role) = (request.Email!.Trim(), request.DisplayName!.Trim(), request.Role!);
        var allowed = user is null
            ? ConnectionPolicy.MayAddPerson(actor, clinic.Id, role)
            : ConnectionPolicy.MayChangePerson(actor, user.ClinicId) && ConnectionPolicy.MayAddPerson(actor, clinic.Id, role);
        if (!allowed) return Refusal(actor);
        var byEmail = await users.FindByEmailAsync(email);
        if (byEmail is not null && byEmail.Id != user?.Id) return new(PeopleResult.Conflict, "Another person already has this email address.");

        var created = user is null;
        user ??= new PortalUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName, ExternalId = externalId };
        var before = created ? null : $"{user.Email}, {user.DisplayName}, clinic {user.ClinicId}";
        var clinicChanged = !created && user.ClinicId != clinic.Id;
        (user.UserName, user.Email, user.DisplayName, user.ClinicId) = (email, email, displayName, clinic.Id);
        var result = created ? await users.CreateAsync(user) : await users.UpdateAsync(user);
        if (!result.Succeeded) return new(PeopleResult.Invalid, string.Join(" ", result.Errors.Select(e => e.Description)));

        var roles = await users.GetRolesAsync(user);
        var roleChanged = !roles.SequenceEqual([role]);
        if (roleChanged)
        {
            await users.RemoveFromRolesAsync(user, roles);
            await users.AddToRoleAsync(user, role);
        }
        // A changed role or clinic (both are claims in the cookie) must not live on in a cookie or an open dashboard.
        if (!created && (roleChanged || clinicChanged)) await users.UpdateSecurityStampAsync(user);

        var who = externalId ?? email;
        var where = clinic.ExternalId ?? clinic.Name;
        db.Audit(time.GetUtcNow(), AuditActions.Provisioned, created ? "user-created" : "user-updated", actor.UserId()!, user.Id,
            detail: created ? $"{who}: {role}, clinic {where}" : $"{who}: was {before}; now {role}, clinic {where}");
        await db.SaveChangesAsync(cancellationToken);

        var outcome = new PeopleOutcome(created ? PeopleResult.Created : PeopleResult.Updated,
            created ? $"{displayName} was added to {clinic.Name}." : $"{displayName} is now {RoleLabel(role)} at {clinic.Name}.")
        { Clinic = clinic, User = user, Role = role };
        if (!created) return outcome;
        var (invitation, expiresAt) = await invitations.CreateAsync(user);
        return outcome with { InvitationPath = invitation, InvitationExpiresAt = expiresAt };
    }

    private async Task<PeopleOutcome> DeactivateAsync(ClaimsPrincipal actor, PortalUser? user, string? reason, CancellationToken cancellationToken)
    {
        if (user is null) return new(PeopleResult.NotFound, "There is no such person.");
        // Nobody locks themselves out by mistake.
        if (!ConnectionPolicy.MayChangePerson(actor, user.ClinicId) || user.Id == actor.UserId()) return Refusal(actor);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow();
        if (user.DeactivatedAt is null)
        {
            user.DeactivatedAt = now;
            // Locked for good and every session ended: a deactivated person can neither sign in nor keep a dashboard open.
            await users.SetLockoutEnabledAsync(user, true);
            await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
            await users.UpdateSecurityStampAsync(user);
            db.Audit(now, AuditActions.Provisioned, "user-deactivated", actor.UserId()!, user.Id,
                detail: reason is { Length: > 0 and <= 500 } ? reason : user.ExternalId ?? user.Email);
            await db.SaveChangesAsync(cancellationToken);
        }

        // Their own connection only: a clinic-level connection belongs to the clinic, not to the person leaving.
        var connectionId = options.CurrentValue.AuthorizationModel == AuthorizationModel.RoleBased
            ? await db.Connections.Where(c => c.UserId == user.Id && c.State != ConnectionState.Revoked).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken)
            : null;
        var disconnect = connectionId is { } id ? await disconnector.DisconnectAsync(id, actor.UserId()!, "The person was deactivated.", cancellationToken) : null;
        var message = (disconnect is null ? null : OutcomeText.For(disconnect)) ?? "The person is deactivated; they had no connection.";
        return new(PeopleResult.Deactivated, message) { User = user, Disconnect = disconnect };
    }

    private static PeopleOutcome Refusal(ClaimsPrincipal actor) => new(PeopleResult.Refused, actor.IsInRole(PortalRoles.ApiClient)
        ? "This person or clinic is one this API key may not act on."
        : "You may not do that: a clinic manager adds practitioners and staff to their own clinic; support changes roles and deactivates.");

    public static string RoleLabel(string role) => role switch
    {
        PortalRoles.ClinicManager => "clinic manager",
        _ => role.ToLowerInvariant(),
    };
}
