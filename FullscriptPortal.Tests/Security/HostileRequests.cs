using System.Net.Http.Headers;
using System.Text;
using FullscriptPortal.Auth;
using FullscriptPortal.Tests.Infrastructure;
using static FullscriptPortal.Tests.Security.HostileAnswer;
using static FullscriptPortal.Tests.Security.HostileSender;

namespace FullscriptPortal.Tests.Security;

/// <summary>The table of hostile requests: missing, duplicated, oversized, non-UTF-8, non-ASCII and control-character
/// values, injected text, foreign, replayed and expired states and provider error values, at every endpoint a stranger
/// or a signed-in person can reach with them (connect, callback, sign-in, invitations, export, simulator, API).</summary>
public static class HostileRequests
{
    public delegate Task<HttpRequestMessage> Builder(HostileTarget target, PortalSession session);

    public sealed record Case(HostileSender As, Builder Build, HostileAnswer Answer);

    private const string Callback = "/oauth/fullscript/callback";
    private const string Connect = "/connect/fullscript";
    private const string SignIn = "/account/signin";
    private const string Export = "/people/export.csv";
    private const string Token = "/simulator/api/oauth/token";
    private const string Revoke = "/simulator/api/oauth/revoke";
    private const string Authorize = "/simulator/api/oauth/authorize";
    private static readonly string Long = new('a', 5000);
    private static readonly byte[] NotUtf8 = [0xC3, 0x28, 0xA0, 0xA1, 0xE2, 0x28, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0xFF, 0xFE];

    public static IReadOnlyDictionary<string, Case> All { get; } = new Dictionary<string, Case>
    {
        // The callback, as the signed-in practitioner (Sam) unless said otherwise.
        ["callback: no parameters"] = new(Practitioner, Get(Callback), Outcome("missingstate")),
        ["callback: code without state"] = new(Practitioner, Get(Callback + "?code=abc"), Outcome("missingstate")),
        ["callback: empty state"] = new(Practitioner, Get(Callback + "?code=abc&state="), Outcome("missingstate")),
        ["callback: forged state"] = new(Practitioner, Get(Callback + "?code=abc&state=Zm9yZ2VkLXN0YXRl"), Outcome("unknownstate")),
        ["callback: another person's state"] = new(Practitioner, Get(t => $"{Callback}?code=abc&state={t.ForeignState}"), Outcome("unknownstate")),
        ["callback: another person's spent state and code"] = new(Practitioner, Get(t => $"{Callback}?code={t.SpentCode}&state={t.SpentState}"), Outcome("unknownstate")),
        ["callback: replayed by its owner"] = new(Connected, Get(t => $"{Callback}?code={t.SpentCode}&state={t.SpentState}"), Outcome("alreadyused")),
        ["callback: replayed with another code"] = new(Connected, Get(t => $"{Callback}?code=other&state={t.SpentState}"), Outcome("alreadyused")),
        ["callback: expired state"] = new(Practitioner, Get(t => $"{Callback}?code=abc&state={t.ExpiredState}"), Outcome("expired")),
        ["callback: expired state with consent denied"] = new(Practitioner, Get(t => $"{Callback}?error=access_denied&state={t.ExpiredState}"), Outcome("expired")),
        ["callback: state twice"] = new(Practitioner, Get(t => $"{Callback}?code=abc&state={t.ExpiredState}&state=x"), Outcome("malformed")),
        ["callback: code twice"] = new(Practitioner, Get(t => $"{Callback}?code=a&code=b&state={t.ForeignState}"), Outcome("malformed")),
        ["callback: error twice"] = new(Practitioner, Get(t => $"{Callback}?error=a&error=b&state={t.ForeignState}"), Outcome("malformed")),
        ["callback: oversized state"] = new(Practitioner, Get($"{Callback}?code=abc&state={new string('s', 129)}"), Outcome("malformed")),
        ["callback: oversized code"] = new(Practitioner, Get($"{Callback}?code={new string('c', 3000)}&state=abc"), Outcome("malformed")),
        ["callback: oversized error"] = new(Practitioner, Get($"{Callback}?error={new string('e', 100)}&state=abc"), Outcome("malformed")),
        ["callback: request line beyond the server's limit"] = new(Practitioner, Get($"{Callback}?code=abc&state={new string('s', 20_000)}"), Refused(414)),
        ["callback: provider error without state"] = new(Practitioner, Get(Callback + "?error=access_denied"), Outcome("missingstate")),
        ["callback: injected error text"] = new(Practitioner, Get(t => $"{Callback}?error=%3Cscript%3Ealert(1)%3C%2Fscript%3E&state={t.ForeignState}"), Outcome("unknownstate")),
        ["callback: server_error with description"] = new(Practitioner, Get(t => $"{Callback}?error=server_error&error_description=%3Cimg%20src%3Dx%3E&state={t.ForeignState}"), Outcome("unknownstate")),
        ["callback: non-ASCII state"] = new(Practitioner, Get($"{Callback}?code=abc&state=%C3%A9t%C3%A9"), Outcome("unknownstate")),
        ["callback: NUL in state"] = new(Practitioner, Get($"{Callback}?code=abc&state=a%00b"), Outcome("unknownstate")),
        ["callback: CR LF in state"] = new(Practitioner, Get($"{Callback}?code=abc&state=a%0D%0ASet-Cookie:%20x=1"), Outcome("unknownstate")),
        ["callback: non-UTF-8 state"] = new(Practitioner, Get($"{Callback}?code=abc&state=%FF%FE%C3%28"), Outcome("unknownstate")),
        ["callback: CR LF in code"] = new(Practitioner, Get(t => $"{Callback}?code=a%0D%0Ab&state={t.ExpiredState}"), Outcome("expired")),
        ["callback: empty error"] = new(Practitioner, Get(t => $"{Callback}?error=&state={t.ForeignState}"), Outcome("unknownstate")),
        ["callback: bracketed parameter names"] = new(Practitioner, Get(Callback + "?state[]=a&code[]=b"), Outcome("missingstate")),
        ["callback: signed out"] = new(Anonymous, Get(Callback + "?code=abc&state=abc"), SignInFirst),

        // Starting the flow: hostile return paths are stored normalised or replaced, never followed raw.
        ["connect: non-ASCII return path"] = new(Practitioner, Get(Connect + "?returnUrl=/%C3%A9t%C3%A9"), RedirectTo(Authorize)),
        ["connect: protocol-relative return"] = new(Practitioner, Get(Connect + "?returnUrl=//evil.example"), RedirectTo(Authorize)),
        ["connect: backslash return"] = new(Practitioner, Get(Connect + "?returnUrl=/%5Cevil.example"), RedirectTo(Authorize)),
        ["connect: absolute return"] = new(Practitioner, Get(Connect + "?returnUrl=https://evil.example/"), RedirectTo(Authorize)),
        ["connect: CR LF return"] = new(Practitioner, Get(Connect + "?returnUrl=/%0D%0ASet-Cookie:%20x=1"), RedirectTo(Authorize)),
        ["connect: NUL return"] = new(Practitioner, Get(Connect + "?returnUrl=/a%00b"), RedirectTo(Authorize)),
        ["connect: script return"] = new(Practitioner, Get(Connect + "?returnUrl=javascript:alert(1)"), RedirectTo(Authorize)),
        ["connect: encoded slashes return"] = new(Practitioner, Get(Connect + "?returnUrl=/%2F%2Fevil.example"), RedirectTo(Authorize)),
        ["connect: oversized return"] = new(Practitioner, Get($"{Connect}?returnUrl=/{Long}"), RedirectTo(Authorize)),
        ["connect: return twice"] = new(Practitioner, Get(Connect + "?returnUrl=/a&returnUrl=//evil.example"), RedirectTo(Authorize)),
        ["connect: non-UTF-8 return"] = new(Practitioner, Get(Connect + "?returnUrl=/%FF%FE"), RedirectTo(Authorize)),
        ["connect: right-to-left override return"] = new(Practitioner, Get(Connect + "?returnUrl=/%E2%80%AEtxt.exe"), RedirectTo(Authorize)),
        ["connect: unknown person"] = new(Practitioner, Get(Connect + "?for=no-such-person"), Outcome("notallowed")),
        ["connect: a practitioner for another"] = new(Practitioner, Get(t => $"{Connect}?for={t.PatelId}"), Outcome("notallowed")),
        ["connect: oversized person"] = new(Practitioner, Get($"{Connect}?for={Long}"), Outcome("notallowed")),
        ["connect: injected person"] = new(Practitioner, Get(Connect + "?for=%27%20OR%201%3D1%20--"), Outcome("notallowed")),
        ["connect: manager for another clinic's person"] = new(Manager, Get(t => $"{Connect}?for={t.PatelId}"), Outcome("notallowed")),
        ["connect: manager for an unknown person"] = new(Manager, Get(Connect + "?for=%00"), Outcome("notallowed")),
        ["connect: person twice"] = new(Manager, Get(t => $"{Connect}?for={t.PatelId}&for=x"), Outcome("notallowed")),
        ["connect: signed out with a non-ASCII return"] = new(Anonymous, Get(Connect + "?returnUrl=/%C3%A9"), SignInFirst),

        // Sign-in, from a browser with no cookies.
        ["sign-in: no antiforgery token"] = new(Anonymous, Raw(SignIn, "_handler=signin&Form.Email=a%40b.test&Form.Password=x"), Refused(400)),
        ["sign-in: empty fields"] = new(Anonymous, SignInForm("", ""), Shows("Enter your email address.")),
        ["sign-in: not an email"] = new(Anonymous, SignInForm("not-an-email", "whatever-password"), Shows("Enter a valid email address.")),
        ["sign-in: unknown account"] = new(Anonymous, SignInForm("nobody@nowhere.test", "whatever-password"), Shows("don't match an account")),
        ["sign-in: wrong password"] = new(Anonymous, SignInForm(DemoPeople.DrLee, "wrong-password-1"), Shows("don't match an account")),
        ["sign-in: injected email"] = new(Anonymous, SignInForm("' OR 1=1 --@x.test", "x"), Shows("don't match an account")),
        ["sign-in: control characters"] = new(Anonymous, SignInForm("a\u0000\u001b@x.test", "p\u0000"), Refused(400)),
        ["sign-in: oversized email"] = new(Anonymous, SignInForm(Long + "@x.test", "x"), Shows("maximum length")),
        ["sign-in: oversized password"] = new(Anonymous, SignInForm(DemoPeople.DrLee, new string('p', 100_000)), Shows("maximum length")),
        ["sign-in: markup in email"] = new(Anonymous, SignInForm("<script>alert(1)</script>@x.test", "x"), Shows("don't match an account")),
        ["sign-in: email twice"] = new(Anonymous, SignInFields(("Form.Email", "a@x.test"), ("Form.Email", DemoPeople.DrLee), ("Form.Password", "x")), Refused(400)),
        ["sign-in: no form name"] = new(Anonymous, SignInFields(("Form.Email", "a@x.test"), ("Form.Password", "x")), Refused(400)),
        ["sign-in: another form name"] = new(Anonymous, SignInFields(("_handler", "other"), ("Form.Email", "a@x.test")), Refused(400)),
        ["sign-in: JSON body"] = new(Anonymous, Raw(SignIn, "{\"email\":\"a@b.test\"}", "application/json"), Refused(400, 415)),
        ["sign-in: broken multipart"] = new(Anonymous, Raw(SignIn, "--x\r\nContent-Disposition: form-data", "multipart/form-data; boundary=x"), Refused(400)),
        ["sign-in: non-UTF-8 body"] = new(Anonymous, RawBytes(SignIn, NotUtf8, "application/x-www-form-urlencoded"), Refused(400)),
        ["sign-in: non-ASCII return path"] = new(Anonymous, SignInForm(DemoPeople.DrLee, DemoSeed.Password, "/%C3%A9"), RedirectTo("/%C3%A9")),
        ["sign-in: protocol-relative return"] = new(Anonymous, SignInForm(DemoPeople.DrLee, DemoSeed.Password, "//evil.example"), RedirectTo("/")),
        ["sign-in: absolute return"] = new(Anonymous, SignInForm(DemoPeople.DrLee, DemoSeed.Password, "https://evil.example/"), RedirectTo("/")),
        ["sign-in: CR LF return"] = new(Anonymous, SignInForm(DemoPeople.DrLee, DemoSeed.Password, "/%0D%0ALocation:%20https://evil.example"), RedirectTo("/")),
        ["sign-in: authenticator page without a password step"] = new(Anonymous, Get("/account/signin/2fa"), Shows("Your sign-in timed out")),
        ["sign-in: recovery page without a password step"] = new(Anonymous, Get("/account/signin/recovery?ReturnUrl=//evil.example"), Shows("Your sign-in timed out")),
        ["sign-in: authenticator step without a password step"] = new(Anonymous, Form("/account/signin/2fa", "2fa", SignIn, ("Form.Code", "123456")), Refused(400)),
        ["sign-in: recovery step without a password step"] = new(Anonymous, Form("/account/signin/recovery", "recovery", SignIn, ("Form.Code", "AAAAA-BBBBB")), Refused(400)),

        // Invitation links and the welcome page.
        ["invite: unknown token"] = new(Practitioner, Get("/invite/not-a-real-token"), Outcome("inviteinvalid")),
        ["invite: oversized token"] = new(Practitioner, Get($"/invite/{Long}"), Outcome("inviteinvalid")),
        ["invite: NUL in token"] = new(Practitioner, Get("/invite/a%00b"), Refused(400)),
        ["invite: non-ASCII token"] = new(Practitioner, Get("/invite/%C3%A9t%C3%A9"), Outcome("inviteinvalid")),
        ["invite: non-UTF-8 token"] = new(Practitioner, Get("/invite/%FF%FE"), Outcome("inviteinvalid")),
        ["invite: path traversal"] = new(Practitioner, Get("/invite/..%2F..%2Fsupport"), Outcome("inviteinvalid")),
        ["invite: signed out"] = new(Anonymous, Get("/invite/abc"), SignInFirst),
        ["welcome: no parameters"] = new(Anonymous, Get("/account/welcome"), Shows("This page needs the invitation link")),
        ["welcome: unknown person"] = new(Anonymous, Get("/account/welcome?user=nobody&token=abc"), Shows("Choose a password")),
        ["welcome: forged token"] = new(Anonymous, Get(t => $"/account/welcome?user={t.PatelId}&token=Zm9yZ2Vk"), Shows("Choose a password")),
        ["welcome: oversized values"] = new(Anonymous, Get($"/account/welcome?user={Long[..2000]}&token={Long[..2000]}"), Shows("Choose a password")),
        ["welcome: parameters twice"] = new(Anonymous, Get(t => $"/account/welcome?user={t.PatelId}&user=x&token=a&token=b"), Shows("Choose a password")),
        ["welcome: forged token posted"] = new(Anonymous, Form(t => $"/account/welcome?user={t.PatelId}&token=Zm9yZ2Vk", "welcome", SignIn, ("Form.Password", "a-long-enough-password-1"), ("Form.Confirm", "a-long-enough-password-1")), Shows("Ask whoever invited you for a new one.")),

        // The CSV export, as the clinic manager.
        ["export: unknown state"] = new(Manager, Get(Export + "?state=Bogus"), Refused(400)),
        ["export: state twice"] = new(Manager, Get(Export + "?state=Active&state=Revoked"), Refused(400)),
        ["export: attention not a boolean"] = new(Manager, Get(Export + "?attention=maybe"), Refused(400)),
        ["export: attention twice"] = new(Manager, Get(Export + "?attention=true&attention=false"), Refused(400)),
        ["export: oversized search"] = new(Manager, Get($"{Export}?search={Long}"), Refused(400)),
        ["export: NUL in search"] = new(Manager, Get(Export + "?search=a%00b"), new HostileAnswer([200])),
        ["export: formula in search"] = new(Manager, Get(Export + "?search=%3DHYPERLINK(%22https%3A%2F%2Fevil.example%22)"), new HostileAnswer([200])),
        ["export: LIKE wildcards in search"] = new(Manager, Get(Export + "?search=%25_%5B%5D"), new HostileAnswer([200])),
        ["export: injected search"] = new(Manager, Get(Export + "?search=%27%3B%20DROP%20TABLE%20Connections%3B%20--"), new HostileAnswer([200])),
        ["export: as a practitioner"] = new(Practitioner, Get(Export), RedirectTo("/access-denied")),
        ["export: signed out"] = new(Anonymous, Get(Export), SignInFirst),

        // The simulator's token and revoke endpoints (JSON, as Fullscript documents them).
        ["token: no body"] = new(Anonymous, Raw(Token, "", "application/json"), Refused(400)),
        ["token: not JSON"] = new(Anonymous, Raw(Token, "grant_type=refresh_token", "application/x-www-form-urlencoded"), Refused(400)),
        ["token: broken JSON"] = new(Anonymous, Raw(Token, "{", "application/json"), Refused(400)),
        ["token: JSON array"] = new(Anonymous, Raw(Token, "[]", "application/json"), Refused(400)),
        ["token: no grant_type"] = new(Anonymous, Json(Token, t => $"{{\"client_id\":\"{SimulatorApi.ClientId}\",\"client_secret\":\"{t.ClientSecret}\"}}"), Refused(400)),
        ["token: unsupported grant_type"] = new(Anonymous, Json(Token, t => $"{{\"grant_type\":\"password\",\"client_id\":\"{SimulatorApi.ClientId}\",\"client_secret\":\"{t.ClientSecret}\"}}"), Refused(400)),
        ["token: grant_type not a string"] = new(Anonymous, Raw(Token, "{\"grant_type\":1}", "application/json"), Refused(400)),
        ["token: duplicated keys"] = new(Anonymous, Raw(Token, "{\"grant_type\":\"refresh_token\",\"grant_type\":\"authorization_code\"}", "application/json"), Refused(400)),
        ["token: oversized body"] = new(Anonymous, Raw(Token, "{\"grant_type\":\"" + new string('g', 100_000) + "\"}", "application/json"), Refused(413)),
        ["token: non-UTF-8 body"] = new(Anonymous, RawBytes(Token, NotUtf8, "application/json"), Refused(400)),
        ["token: wrong client secret"] = new(Anonymous, Json(Token, t => $"{{\"grant_type\":\"authorization_code\",\"client_id\":\"{SimulatorApi.ClientId}\",\"client_secret\":\"wrong\",\"code\":\"{t.SpentCode}\"}}"), Refused(401)),
        ["token: unknown code"] = new(Anonymous, Json(Token, t => $"{{\"grant_type\":\"authorization_code\",\"client_id\":\"{SimulatorApi.ClientId}\",\"client_secret\":\"{t.ClientSecret}\",\"code\":\"forged\",\"redirect_uri\":\"https://evil.example/\"}}"), Refused(400)),
        ["token: unknown refresh token"] = new(Anonymous, Json(Token, t => $"{{\"grant_type\":\"refresh_token\",\"client_id\":\"{SimulatorApi.ClientId}\",\"client_secret\":\"{t.ClientSecret}\",\"refresh_token\":\"forged\"}}"), Refused(400)),
        ["token: injected refresh token"] = new(Anonymous, Json(Token, t => $"{{\"grant_type\":\"refresh_token\",\"client_id\":\"{SimulatorApi.ClientId}\",\"client_secret\":\"{t.ClientSecret}\",\"refresh_token\":\"' OR 1=1 --\\u0000\"}}"), Refused(400)),
        ["revoke: no body"] = new(Anonymous, Raw(Revoke, "", "application/json"), Refused(400, 401)),
        ["revoke: wrong client secret"] = new(Anonymous, Json(Revoke, _ => $"{{\"client_id\":\"{SimulatorApi.ClientId}\",\"client_secret\":\"wrong\",\"token\":\"x\"}}"), Refused(401)),
        ["revoke: oversized body"] = new(Anonymous, Raw(Revoke, "{\"token\":\"" + new string('t', 100_000) + "\"}", "application/json"), Refused(413)),
        ["revoke: not JSON"] = new(Anonymous, Raw(Revoke, "token=x", "text/plain"), Refused(400)),

        // The simulator's authorize page, clinic API and control endpoints. An unknown client or redirect gets the not-found
        // page, as at Fullscript: there is nowhere safe to send an error (RFC 6749 4.1.2.1). Outside Development the control
        // endpoints are not mapped at all.
        ["authorize: no parameters"] = new(Anonymous, Get(Authorize), Refused(404)),
        ["authorize: unknown client"] = new(Anonymous, Get(Authorize + "?client_id=evil&redirect_uri=https%3A%2F%2Fevil.example%2F&response_type=code&state=s"), Refused(404)),
        ["authorize: foreign redirect"] = new(Anonymous, Get($"{Authorize}?client_id={SimulatorApi.ClientId}&redirect_uri=https%3A%2F%2Fevil.example%2F&response_type=code&state=s"), Refused(404)),
        ["authorize: client twice"] = new(Anonymous, Get($"{Authorize}?client_id={SimulatorApi.ClientId}&client_id=evil&response_type=code"), Refused(400)),
        ["authorize: consent posted without antiforgery"] = new(Anonymous, Raw(Authorize, $"client_id={SimulatorApi.ClientId}&decision=approve&user_id=x", "application/x-www-form-urlencoded"), Refused(400)),
        ["clinic: no bearer token"] = new(Anonymous, Get("/simulator/api/clinic"), Refused(401)),
        ["clinic: forged bearer token"] = new(Anonymous, WithHeader(Get("/simulator/api/clinic"), "Authorization", "Bearer forged"), Refused(401)),
        ["clinic: oversized bearer token"] = new(Anonymous, WithHeader(Get("/simulator/api/clinic/patients"), "Authorization", "Bearer " + Long), Refused(401)),
        ["control: cross-site revoke"] = new(Anonymous, WithHeader(Raw($"/simulator/control/grants/{Guid.Empty}/revoke", "", "text/plain"), "Origin", "https://evil.example"), Refused(403, 404, 405)),
        ["control: cross-site faults"] = new(Anonymous, WithHeader(Raw("/simulator/control/faults", "", "text/plain", HttpMethod.Delete), "Sec-Fetch-Site", "cross-site"), Refused(403, 404, 405)),

        // The backend's API without a valid key.
        ["api: no key"] = new(Anonymous, Get("/api/v1/connections"), Refused(401)),
        ["api: forged key"] = new(Anonymous, WithHeader(Get("/api/v1/connections"), "Authorization", "Bearer fsp_forged"), Refused(401)),
        ["api: oversized key"] = new(Anonymous, WithHeader(Get("/api/v1/connections"), "Authorization", "Bearer fsp_" + Long), Refused(401)),
        ["api: token for a person with a forged key"] = new(Anonymous, WithHeader(Raw("/api/v1/users/x/connection/access-token", "", "application/json"), "Authorization", "Bearer fsp_forged"), Refused(401)),
        ["api: headers beyond the server's limit"] = new(Anonymous, WithHeader(Get("/api/v1/connections"), "X-Padding", new string('p', 40_000)), Refused(431)),
    };

    private static Builder Get(string url) => Get(_ => url);

    private static Builder Get(Func<HostileTarget, string> url) =>
        (target, _) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url(target)));

    private static Builder Raw(string url, string body, string contentType = "application/x-www-form-urlencoded", HttpMethod? method = null) =>
        RawBytes(url, Encoding.UTF8.GetBytes(body), contentType, method);

    private static Builder RawBytes(string url, byte[] body, string contentType, HttpMethod? method = null) => (_, _) =>
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return Task.FromResult(new HttpRequestMessage(method ?? HttpMethod.Post, url) { Content = content });
    };

    private static Builder Json(string url, Func<HostileTarget, string> json) => (target, session) =>
        Raw(url, json(target), "application/json")(target, session);

    private static Builder WithHeader(Builder inner, string name, string value) => async (target, session) =>
    {
        var request = await inner(target, session);
        request.Headers.TryAddWithoutValidation(name, value);
        return request;
    };

    private static Builder SignInForm(string email, string password, string? returnUrl = null) =>
        Form(returnUrl is null ? SignIn : $"{SignIn}?ReturnUrl={returnUrl}", "signin", ("Form.Email", email), ("Form.Password", password));

    /// <summary>A sign-in post with the page's antiforgery token and exactly the fields given (repeats and omissions kept).</summary>
    private static Builder SignInFields(params (string Name, string Value)[] fields) => Form(SignIn, null, fields);

    private static Builder Form(string pathAndQuery, string? handler, params (string Name, string Value)[] fields) =>
        Form(_ => pathAndQuery, handler, null, fields);

    private static Builder Form(string pathAndQuery, string? handler, string tokenPage, params (string Name, string Value)[] fields) =>
        Form(_ => pathAndQuery, handler, tokenPage, fields);

    /// <summary>Opens the page as a person would (or <paramref name="tokenPage"/>, where the target shows no form) for its
    /// antiforgery token, and posts <paramref name="fields"/> to the target.</summary>
    private static Builder Form(Func<HostileTarget, string> pathAndQuery, string? handler, string? tokenPage, params (string Name, string Value)[] fields) => async (target, session) =>
    {
        var url = pathAndQuery(target);
        var page = await session.Http.GetStringAsync(tokenPage ?? url.Split('?')[0]);
        var body = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", PortalSession.HiddenField(page, "__RequestVerificationToken")) };
        if (handler is not null) body.Add(new("_handler", handler));
        body.AddRange(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(body) };
    };
}
