namespace FullscriptPortal.Observability.Redaction;

/// <summary>Sits in front of the logger every provider shares: an entry whose message, values, scope or exception carries
/// a secret reaches the providers redacted, whatever level it was written at.</summary>
public sealed class RedactingLogger(ILogger inner) : ILogger
{
    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull
    {
        var text = state.ToString() ?? "";
        return RedactedLogState.For(state, text) is { } redacted ? inner.BeginScope(redacted) : inner.BeginScope(state);
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel)) return;
        var safeException = Redact(exception);
        var redacted = RedactedLogState.For(state, formatter(state, exception));
        if (redacted is null && ReferenceEquals(safeException, exception)) inner.Log(logLevel, eventId, state, exception, formatter);
        else if (redacted is null) inner.Log(logLevel, eventId, state, safeException, (s, _) => formatter(s, exception));
        else inner.Log(logLevel, eventId, redacted, safeException, RedactedLogState.Format);
    }

    private static Exception? Redact(Exception? exception)
    {
        if (exception is null) return null;
        var text = exception.ToString();
        var safe = LogRedactor.Redact(text);
        return ReferenceEquals(safe, text) ? exception : new RedactedException(safe);
    }
}
