using System.Data.Common;
using System.Diagnostics;
using System.Security.Claims;
using FullscriptPortal.Auth;
using FullscriptPortal.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Bench.Harness;

/// <summary>A portal holding one clinic of <c>--clinic-size</c> people (the mix of <see cref="BenchPeople.Connections.Mixed"/>)
/// and its manager, kept for every run of a case; and the timing of a query against raw SQL on the same database.</summary>
internal sealed class LargeClinic : IDisposable
{
    private LargeClinic(BenchHost host, int clinicId, ClaimsPrincipal manager)
    {
        Host = host;
        ClinicId = clinicId;
        Manager = manager;
    }

    public BenchHost Host { get; }

    public int ClinicId { get; }

    /// <summary>The manager, with the claims their sign-in cookie carries.</summary>
    public ClaimsPrincipal Manager { get; }

    public static async Task<LargeClinic> CreateAsync(int size)
    {
        var host = new BenchHost();
        var clinicId = await BenchPeople.AddClinicAsync(host, "Large");
        BenchContext.Log($"seeding a clinic of {size:N0} people");
        await BenchPeople.AddAsync(host, clinicId, size, PortalRoles.Practitioner, BenchPeople.Connections.Mixed, "large");
        var manager = (await BenchPeople.AddAsync(host, clinicId, 1, PortalRoles.ClinicManager, BenchPeople.Connections.None, "large-manager"))[0];
        await using var scope = host.Services.CreateAsyncScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByIdAsync(manager.UserId);
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<PortalUser>>().CreateUserPrincipalAsync(user!);
        return new LargeClinic(host, clinicId, principal);
    }

    /// <summary>The median time of <paramref name="action"/> over 25 calls, after 5 to warm up.</summary>
    public static async Task<double> MedianMsAsync(Func<Task> action)
    {
        for (var i = 0; i < 5; i++) await action();
        var times = new List<double>();
        for (var i = 0; i < 25; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }
        return Spread.MedianOf(times);
    }

    /// <summary>Runs raw SQL through a fresh context of the portal's own factory (as each portal query opens one), reading
    /// every row; returns the number of rows.</summary>
    public async Task<int> RawAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var db = await Host.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        var values = new object[reader.FieldCount];
        while (await reader.ReadAsync())
        {
            reader.GetValues(values);
            rows++;
        }
        return rows;
    }

    /// <summary>The people of a clinic a manager sees (practitioners and staff), with their connection if any.</summary>
    public const string PeopleOfClinic = """
        FROM AspNetUsers u
        JOIN AspNetUserRoles ur ON ur.UserId = u.Id
        JOIN AspNetRoles r ON r.Id = ur.RoleId
        LEFT JOIN Connections c ON c.UserId = u.Id
        WHERE u.ClinicId = $clinic AND r.Name IN ('Practitioner', 'Staff')
        """;

    public void Dispose() => Host.Dispose();
}
