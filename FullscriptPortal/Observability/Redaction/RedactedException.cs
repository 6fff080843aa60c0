namespace FullscriptPortal.Observability.Redaction;

/// <summary>Stands in for a logged exception whose text carried a secret (a request URI in a message, say): the same
/// type name, message and stack trace as text, with the secret blanked.</summary>
public sealed class RedactedException(string text) : Exception(text)
{
    public override string ToString() => Message;
}
