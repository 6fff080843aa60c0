using FullscriptPortal.Auth;
using FullscriptPortal.Tokens;

namespace FullscriptPortal.People;

/// <summary>The outcome of one change by <see cref="PeopleAdmin"/>: the result, a sentence for a person, the invalid
/// fields, and what was made (the invitation path only for a new person, to be shown once).</summary>
public sealed record PeopleOutcome(PeopleResult Result, string Message)
{
    public IReadOnlyDictionary<string, string[]> Errors { get; init; } = new Dictionary<string, string[]>();
    public Clinic? Clinic { get; init; }
    public PortalUser? User { get; init; }
    public string? Role { get; init; }
    public string? InvitationPath { get; init; }
    public DateTimeOffset? InvitationExpiresAt { get; init; }
    public DisconnectOutcome? Disconnect { get; init; }

    public bool Succeeded => Result is PeopleResult.Created or PeopleResult.Updated or PeopleResult.Deactivated;

    public static PeopleOutcome Invalid(IDictionary<string, string[]> errors) =>
        new(PeopleResult.Invalid, string.Join(" ", errors.Values.SelectMany(e => e))) { Errors = new Dictionary<string, string[]>(errors) };
}
