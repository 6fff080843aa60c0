namespace FullscriptPortal.Audit;

/// <summary>Who an audit entry's actor is, as far as a page needs to name them: a portal user's name and whether they act
/// as support or as a clinic manager.</summary>
public sealed record ActorInfo(string Name, bool IsSupport, bool IsClinicManager);
