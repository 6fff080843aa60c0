using System.Collections.Concurrent;
using FullscriptPortal.Observability.Redaction;
using FullscriptPortal.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

// Plain extension-method logging on purpose: these tests feed the redactor what a library would.
#pragma warning disable CA1873

namespace FullscriptPortal.Tests.Observability;

public sealed class LogRedactionTests
{
    private readonly ConcurrentQueue<string> _lines = new();

    private ILogger CreateSut()
    {
        var inner = LoggerFactory.Create(logging => logging.AddProvider(new CapturingLoggerProvider(_lines)).SetMinimumLevel(LogLevel.Trace));
        return new RedactingLoggerFactory(inner).CreateLogger("Test");
    }

    [Theory]
    [InlineData("GET /oauth/fullscript/callback?code=abc123secret&state=xyz789secret", "GET /oauth/fullscript/callback?code=[redacted]&state=[redacted]")]
    [InlineData("/authorize?client_id=app&state=s3cr3t&code_challenge=ch4ll&code_challenge_method=S256", "/authorize?client_id=app&state=[redacted]&code_challenge=[redacted]&code_challenge_method=S256")]
    [InlineData("grant_type=authorization_code&code_verifier=v3r1f13r&client_secret=sh", "grant_type=authorization_code&code_verifier=[redacted]&client_secret=[redacted]")]
    [InlineData("returnUrl=%2Fcb%3Fcode%3Dabc123secret%26state%3Ds3cr3t", "returnUrl=%2Fcb%3Fcode%3D[redacted]%26state%3D[redacted]")]
    [InlineData("{\"access_token\":\"at1\",\"refresh_token\": \"rt1\",\"expires_in\":7200}", "{\"access_token\":\"[redacted]\",\"refresh_token\":\"[redacted]\",\"expires_in\":7200}")]
    [InlineData("Authorization: Bearer eyJhbGciOi.abc-def_", "Authorization: Bearer [redacted]")]
    [InlineData("key fsp_AbC123-xyz was used", "key fsp_[redacted] was used")]
    [InlineData("error_code=invalid_grant&error_description=expired", "error_code=invalid_grant&error_description=expired")]
    public void Secrets_are_blanked_and_everything_else_is_kept(string text, string expected) =>
        LogRedactor.Redact(text).Should().Be(expected);

    [Fact]
    public void Structured_values_are_redacted_as_well_as_the_message()
    {
        CreateSut().LogInformation("Request starting {Path}{QueryString} took {Elapsed} ms", "/oauth/fullscript/callback", "?code=abc123secret", 12);

        var line = _lines.Should().ContainSingle().Subject;
        line.Should().NotContain("abc123secret").And.Contain("code=[redacted]").And.Contain("Elapsed=12");
    }

    [Fact]
    public void A_secret_only_in_a_structured_value_is_redacted()
    {
        var state = new List<KeyValuePair<string, object?>> { new("Uri", new Uri("http://x/cb?state=s3cr3tstate")) };

        CreateSut().Log(LogLevel.Trace, default, state, null, (_, _) => "no secret in the text");

        _lines.Should().ContainSingle().Which.Should().NotContain("s3cr3tstate").And.Contain("state=[redacted]");
    }

    [Fact]
    public void Exception_text_and_scopes_are_redacted()
    {
        var logger = CreateSut();
        using (logger.BeginScope("Calling {Url}", "http://x/token?refresh_token=rt-secret-1"))
            logger.LogError(new HttpRequestException("Failed GET http://x/cb?access_token=at-secret-2"), "It failed");

        var line = _lines.Should().ContainSingle().Subject;
        line.Should().NotContain("rt-secret-1").And.NotContain("at-secret-2").And.Contain("HttpRequestException").And.Contain("It failed");
    }

    [Fact]
    public void An_entry_without_secrets_reaches_the_providers_unchanged()
    {
        CreateSut().LogInformation("Connection {ConnectionId} is active", 42);

        _lines.Should().ContainSingle().Which.Should().Contain("Connection 42 is active").And.Contain("ConnectionId=42");
    }
}
