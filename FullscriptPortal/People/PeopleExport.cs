using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using FullscriptPortal.Auth;
using FullscriptPortal.Components.Shared;
using FullscriptPortal.Connections;
using FullscriptPortal.Fullscript;

namespace FullscriptPortal.People;

/// <summary><c>GET /people/export.csv</c>: the grid's rows, with the grid's filters, as CSV. The viewer's scope applies as
/// everywhere (a manager gets their clinic only); cells that a spreadsheet would run as formulas are escaped.</summary>
public static class PeopleExport
{
    public const string Path = "/people/export.csv";
    private const int MaxRows = 50_000;

    public static IEndpointRouteBuilder MapPeopleExport(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (HttpContext http, ConnectionDirectory directory, TimeProvider time, string? search, string? state, string? show, string? attention) =>
        {
            ConnectionState? stateFilter = null;
            if (!string.IsNullOrEmpty(state))
            {
                // By name only: Enum.TryParse would also take "2" or "Active,Revoked" (a repeated parameter) as a state.
                if (Enum.GetNames<ConnectionState>().FirstOrDefault(name => name.Equals(state, StringComparison.OrdinalIgnoreCase)) is not { } name)
                    return Results.BadRequest("Unknown state. Use one of: " + string.Join(", ", Enum.GetNames<ConnectionState>()) + ".");
                var parsed = Enum.Parse<ConnectionState>(name);
                stateFilter = parsed;
            }
            PeopleSet? set = null;
            if (!string.IsNullOrEmpty(show))
            {
                if (Enum.GetNames<PeopleSet>().FirstOrDefault(name => name.Equals(show, StringComparison.OrdinalIgnoreCase)) is not { } name)
                    return Results.BadRequest("Unknown set. Use one of: " + string.Join(", ", Enum.GetNames<PeopleSet>()) + ".");
                set = Enum.Parse<PeopleSet>(name);
            }
            if (search?.Length > PeopleQuery.MaxSearchLength) return Results.BadRequest("The search is too long.");
            // Read by hand, so a bad or repeated value gets this sentence rather than a bare 400.
            var attentionOnly = false;
            if (!string.IsNullOrEmpty(attention) && !bool.TryParse(attention, out attentionOnly))
                return Results.BadRequest("attention must be true or false.");

            var now = time.GetUtcNow();
            http.Response.ContentType = "text/csv; charset=utf-8";
            http.Response.Headers.ContentDisposition = $"attachment; filename=\"fullscript-connections-{now:yyyyMMdd-HHmm}.csv\"";
            await using var writer = new StreamWriter(http.Response.Body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.Escape });
            csv.WriteHeader<ExportRow>();
            await csv.NextRecordAsync();
            for (var page = 0; page * PeopleQuery.MaxPageSize < MaxRows; page++)
            {
                // Page by page without counting every match each time: the rows running out ends the file.
                var rows = await directory.PageAsync(http.User, new PeopleQuery(search, stateFilter, attentionOnly, Page: page, PageSize: PeopleQuery.MaxPageSize, Set: set), null, http.RequestAborted);
                foreach (var row in rows.Rows)
                {
                    csv.WriteRecord(ExportRow.From(row, now));
                    await csv.NextRecordAsync();
                }
                if (rows.Rows.Count < PeopleQuery.MaxPageSize) break;
            }
            return Results.Empty;
        }).RequireAuthorization(policy => policy.RequireRole(PortalRoles.ClinicManager, PortalRoles.Support));
        return app;
    }

    private sealed record ExportRow(string Name, string Email, string Role, string? Clinic, string State, string? FullscriptAccountType, string? Server,
        string? FullscriptUserId, string? FullscriptClinic, string? AccessTokenExpiresUtc, string? LastRefreshUtc, string? Scopes, string? Reason,
        string? Invite, string? InviteExpiresUtc)
    {
        public static ExportRow From(PersonRow row, DateTimeOffset now)
        {
            var c = row.Connection;
            // The latest invite while it is news (pending, expired, cancelled); a used one is in the connection's columns.
            var invite = row.Invite is { } i && i.StatusAt(now) != InviteStatus.Used ? i : null;
            return new(row.DisplayName, row.Email, row.Role, row.ClinicName, ConnectionStateDisplay.For(c, now).Label, c?.ResourceOwnerType,
                c is null ? null : FullscriptServerKeys.DisplayName(c.ServerKey), row.ResourceOwnerId, c?.FullscriptClinicName,
                c?.AccessTokenExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), c?.LastRefreshedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                c?.Scope, c?.StateReason,
                invite?.StatusAt(now).ToString().ToLowerInvariant(), invite?.ExpiresAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        }
    }
}
