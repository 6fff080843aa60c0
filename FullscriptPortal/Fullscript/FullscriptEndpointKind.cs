namespace FullscriptPortal.Fullscript;

/// <summary>Which of Fullscript's two kinds of endpoint answered: they refuse a grant with different statuses.</summary>
public enum FullscriptEndpointKind
{
    /// <summary><c>/oauth/token</c> and <c>/oauth/revoke</c>: RFC 6749 §5.2 errors, 400 or 401.</summary>
    OAuth,

    /// <summary>Bearer-authenticated API calls such as <c>/clinic</c>: 401 or 403.</summary>
    Api,
}
