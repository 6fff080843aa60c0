using FullscriptPortal.Auth;
using FullscriptPortal.Connect;
using FullscriptPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace FullscriptPortal.Simulator;

/// <summary>Which simulated Fullscript user the consent page offers first: the one that matches the portal user the
/// authorization is for (by e-mail, else by name), the way a real Fullscript already knows who is signed in there. So a
/// demo user, or a manager connecting a staff member on their behalf, can just press Approve. A convenience, never a
/// decision: the person may still pick anyone, and nothing is pre-selected for a browser that did not start the flow.
/// The one place the simulator reads the portal's own records.</summary>
public static class ConsentPreselection
{
    /// <summary>The simulated user for the portal user that <paramref name="state"/>'s pending authorization is for (when
    /// the signed-in user started it), else for the signed-in user; null when nobody matches.</summary>
    public static async Task<SimulatedUser?> ForAsync(HttpContext http, string? state)
    {
        if (http.User.UserId() is not { } signedIn) return null;
        if (http.RequestServices.GetService<IDbContextFactory<PortalDbContext>>() is not { } dbs) return null;

        var cancellationToken = http.RequestAborted;
        await using var db = await dbs.CreateDbContextAsync(cancellationToken);
        var forUserId = signedIn;
        if (!string.IsNullOrEmpty(state) && state.Length <= AuthorizationFlow.MaxStateLength)
        {
            var stateHash = OAuthSecrets.Hash(state);
            forUserId = await db.PendingAuthorizations.AsNoTracking()
                .Where(p => p.StateHash == stateHash && p.StartedByUserId == signedIn)
                .Select(p => p.UserId).FirstOrDefaultAsync(cancellationToken) ?? signedIn;
        }
        var person = await db.Users.AsNoTracking().Where(u => u.Id == forUserId)
            .Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        return person is null ? null : Match(person.Email, person.DisplayName);
    }

    /// <summary>The simulated user with this e-mail, else with this name (ignoring case, spacing and a "Dr." title).</summary>
    public static SimulatedUser? Match(string? email, string? name)
    {
        if (!string.IsNullOrWhiteSpace(email)
            && SimulatedDirectory.Users.FirstOrDefault(u => string.Equals(u.Email, email.Trim(), StringComparison.OrdinalIgnoreCase)) is { } byEmail)
            return byEmail;
        var wanted = Normalize(name);
        return wanted.Length == 0 ? null : SimulatedDirectory.Users.FirstOrDefault(u => Normalize(u.Name) == wanted);
    }

    private static string Normalize(string? name)
    {
        var words = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        if (words.Count > 1 && words[0].TrimEnd('.').Equals("dr", StringComparison.OrdinalIgnoreCase)) words.RemoveAt(0);
        return string.Join(' ', words).ToUpperInvariant();
    }
}
