using System.Security.Claims;
using FullscriptPortal.Audit;
using FullscriptPortal.Auth;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.People;

/// <summary>Clinics made or renamed, by the API (by the integrating app's id) or by support in the portal; one set of
/// rules for both.</summary>
public sealed class ClinicAdmin(IDbContextFactory<PortalDbContext> dbs, TimeProvider time)
{
    public const int MaxNameLength = 200;
    public const string ExternalIdRule = "1 to 100 letters, digits or - _ . : @.";

    /// <summary>Creates or updates the clinic the integrating app knows as <paramref name="externalId"/>.</summary>
    public Task<PeopleOutcome> PutAsync(ClaimsPrincipal actor, string externalId, string? name, string? fullscriptClinicId, CancellationToken cancellationToken) =>
        SaveAsync(actor, externalId, name, fullscriptClinicId, cancellationToken);

    /// <summary>Support's new clinic, made by hand: it has no external id until the API names it.</summary>
    public Task<PeopleOutcome> CreateAsync(ClaimsPrincipal actor, string? name, CancellationToken cancellationToken) =>
        SaveAsync(actor, null, name, null, cancellationToken);

    public async Task<IReadOnlyList<(int Id, string Name)>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        return [.. (await db.Clinics.OrderBy(c => c.Name).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken)).Select(c => (c.Id, c.Name))];
    }

    private async Task<PeopleOutcome> SaveAsync(ClaimsPrincipal actor, string? externalId, string? name, string? fullscriptClinicId, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        var errors = new Dictionary<string, string[]>();
        if (externalId is not null && !ExternalIds.IsValid(externalId)) errors["externalId"] = [ExternalIdRule];
        if (name is not { Length: > 0 and <= MaxNameLength }) errors["name"] = [$"Give the clinic a name of 1 to {MaxNameLength} characters."];
        if (fullscriptClinicId is { Length: > 100 }) errors["fullscript_clinic_id"] = ["At most 100 characters."];
        if (errors.Count > 0) return PeopleOutcome.Invalid(errors);

        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var clinic = externalId is null ? null : await db.Clinics.SingleOrDefaultAsync(c => c.ExternalId == externalId, cancellationToken);
        if (clinic is null ? !ConnectionPolicy.MayCreateClinics(actor) : !ConnectionPolicy.MayChangeClinic(actor, clinic.Id))
            return new(PeopleResult.Refused, "Only support staff or an API key for every clinic add clinics, and a key for one clinic changes only that one.");
        var id = clinic?.Id ?? 0;
        if (await db.Clinics.AnyAsync(c => c.Name == name && c.Id != id, cancellationToken))
            return new(PeopleResult.Conflict, $"Another clinic is already named \"{name}\".");

        var created = clinic is null;
        clinic ??= db.Clinics.Add(new Clinic { Name = name!, ExternalId = externalId }).Entity;
        (clinic.Name, clinic.FullscriptClinicId) = (name!, fullscriptClinicId ?? clinic.FullscriptClinicId);
        db.Audit(time.GetUtcNow(), AuditActions.Provisioned, created ? "clinic-created" : "clinic-updated", actor.UserId()!, detail: $"{externalId ?? "by hand"}: {name}");
        await db.SaveChangesAsync(cancellationToken);
        return new(created ? PeopleResult.Created : PeopleResult.Updated, created ? $"{name} was added." : $"{name} was updated.") { Clinic = clinic };
    }
}
