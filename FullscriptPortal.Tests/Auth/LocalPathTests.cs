using FullscriptPortal.Auth;

namespace FullscriptPortal.Tests.Auth;

/// <summary>Return paths: same-site only, and always plain ASCII, since they end up in a Location header.</summary>
public sealed class LocalPathTests
{
    [Theory]
    [InlineData("/", "/")]
    [InlineData("/clinic", "/clinic")]
    [InlineData("/clinic?tab=people&sort=name#top", "/clinic?tab=people&sort=name#top")]
    [InlineData("/été", "/%C3%A9t%C3%A9")]
    [InlineData("/é?q=ü", "/%C3%A9?q=%C3%BC")]
    [InlineData("/a b", "/a%20b")]
    [InlineData("/日本", "/%E6%97%A5%E6%9C%AC")]
    [InlineData("/😀", "/%F0%9F%98%80")]
    [InlineData("/\u202Egnp.exe", "/%E2%80%AEgnp.exe")]
    [InlineData("/%C3%A9t%C3%A9", "/%C3%A9t%C3%A9")]
    [InlineData("/%2F%2Fevil.example", "/%2F%2Fevil.example")]
    [InlineData("/%5Cevil.example", "/%5Cevil.example")]
    [InlineData("/／evil.example", "/%EF%BC%8Fevil.example")]
    public void A_same_site_path_is_kept_with_everything_beyond_ASCII_percent_encoded(string path, string expected)
    {
        LocalPath.Normalize(path).Should().Be(expected);
        LocalPath.OrHome(path).Should().Be(expected);
        LocalPath.Normalize(expected).Should().Be(expected, "a normalised path is already safe and stays as it is");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("clinic")]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("//evil.example/é")]
    [InlineData("/\\evil.example")]
    [InlineData("/\\/evil.example")]
    [InlineData("/clinic\\..\\x")]
    [InlineData("/\t/evil.example")]
    [InlineData("/\r\nSet-Cookie: x=y")]
    [InlineData("/\n/evil.example")]
    [InlineData("/\0")]
    [InlineData("/\u007F")]
    [InlineData("/\u0085")]
    [InlineData(" /clinic")]
    [InlineData("\\\\evil.example")]
    public void Anything_that_is_not_a_same_site_path_is_refused(string? path)
    {
        LocalPath.Normalize(path).Should().BeNull();
        LocalPath.IsSafe(path).Should().BeFalse();
        LocalPath.OrHome(path).Should().Be("/");
    }

    [Fact]
    public void A_broken_surrogate_is_refused_rather_than_guessed_at()
    {
        // Built here, not in InlineData: xUnit's theory serialization would replace a lone surrogate before the test ran.
        foreach (var path in new[] { "/\uD800", "/\uDC00x", "/a\uD83D" })
            LocalPath.Normalize(path).Should().BeNull("a lone surrogate is not text");
    }

    [Fact]
    public void A_path_too_long_before_or_after_encoding_is_refused()
    {
        LocalPath.Normalize("/" + new string('a', LocalPath.MaxLength - 1)).Should().HaveLength(LocalPath.MaxLength);
        LocalPath.Normalize("/" + new string('a', LocalPath.MaxLength)).Should().BeNull();
        LocalPath.Normalize("/" + new string('é', 200)).Should().BeNull("200 letters become 1,200 characters once encoded");
    }
}
