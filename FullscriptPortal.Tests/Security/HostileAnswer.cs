namespace FullscriptPortal.Tests.Security;

/// <summary>The clear answer a hostile request must get: one of <paramref name="Statuses"/>, and for a redirect where it
/// goes (path and query start), for a page a sentence the person can act on.</summary>
public sealed record HostileAnswer(int[] Statuses, string? Location = null, string? Text = null)
{
    public static HostileAnswer Refused(params int[] statuses) => new(statuses);

    public static HostileAnswer RedirectTo(string pathAndQueryStart) => new([302, 303, 307], pathAndQueryStart);

    public static HostileAnswer Shows(string text) => new([200], Text: text);

    public static HostileAnswer SignInFirst { get; } = RedirectTo("/account/signin?ReturnUrl=");

    public static HostileAnswer Outcome(string connectNotice) => RedirectTo("/?connect=" + connectNotice);

    public override string ToString() => $"{string.Join("/", Statuses)} {Location}{Text}";
}
