namespace FullscriptPortal.People;

/// <summary>What adding, changing or deactivating a clinic or person came to; the API and the pages word it each their way.</summary>
public enum PeopleResult
{
    Created,
    Updated,
    Deactivated,

    /// <summary>The caller may not do this (another clinic, a role they may not give).</summary>
    Refused,

    /// <summary>The input is not valid; <see cref="PeopleOutcome.Errors"/> names the fields.</summary>
    Invalid,
    NotFound,

    /// <summary>Another clinic has the name, or another person the email address.</summary>
    Conflict,
}
