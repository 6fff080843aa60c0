namespace FullscriptPortal.Observability.Redaction;

/// <summary>The application's <see cref="ILoggerFactory"/>, wrapped: every logger it hands out redacts before any
/// provider (console, OpenTelemetry, a test's capture, one added later) sees the entry. Wrapping the factory rather than
/// each provider also covers providers registered after the portal's own registration.</summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();
}
