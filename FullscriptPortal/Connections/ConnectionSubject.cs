namespace FullscriptPortal.Connections;

/// <summary>A person whose connection is acted on: their portal user id and clinic.</summary>
public sealed record ConnectionSubject(string UserId, int? ClinicId);
