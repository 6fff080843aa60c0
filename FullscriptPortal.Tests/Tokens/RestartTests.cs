using System.Net;
using System.Net.Http.Headers;
using FullscriptPortal.Connections;
using FullscriptPortal.Data;
using FullscriptPortal.Tests.Infrastructure;
using FullscriptPortal.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FullscriptPortal.Tests.Tokens;

public abstract class RestartTests(StoreProvider provider)
{
    [Fact]
    public async Task After_a_restart_the_stored_tokens_decrypt_and_the_simulator_still_knows_the_grant()
    {
        string accessToken;
        FullscriptConnection before;
        var first = new PortalFactory().On(provider);
        var second = PortalFactory.RestartOf(first); // takes over the files; starts only when first used
        using (first)
        {
            using var browser = first.NewSession();
            await browser.SignInAsync(DemoPeople.DrLee);
            await browser.FollowCallbackAsync(await browser.DecideOnConsentAsync(await browser.StartConnectAsync(), DemoPeople.FullscriptIdOf(DemoPeople.DrLee)));
            (await browser.FinishInCircuitAsync())!.Succeeded.Should().BeTrue();
            before = (await first.ConnectionOfAsync(browser.UserId!))!;
            accessToken = first.Services.GetRequiredService<TokenProtector>().Unprotect(before.AccessTokenProtected!);
            (await first.QueryAsync(db => db.DataProtectionKeys.CountAsync())).Should().BeGreaterThan(0, "the key ring lives in the portal database");
        }

        using var restarted = second;
        using var client = second.NewSession();

        second.Services.GetRequiredService<TokenProtector>().Unprotect(before.AccessTokenProtected!).Should().Be(accessToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/simulator/api/clinic") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", accessToken) } };
        (await client.Http.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await second.QueryAsync(db => db.Connections.CountAsync())).Should().Be(1);
    }
}

public sealed class RestartTestsOnSqlite() : RestartTests(StoreProvider.Sqlite);

public sealed class RestartTestsOnPostgres() : RestartTests(StoreProvider.Postgres);
