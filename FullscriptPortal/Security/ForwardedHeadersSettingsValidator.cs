using Microsoft.Extensions.Options;

namespace FullscriptPortal.Security;

/// <summary>Stops start-up on a proxy entry that is not an address or network, naming the setting to fix: a typo there
/// would otherwise quietly make the portal ignore its proxy (and every client look like the proxy).</summary>
internal sealed class ForwardedHeadersSettingsValidator : IValidateOptions<ForwardedHeadersSettings>
{
    public ValidateOptionsResult Validate(string? name, ForwardedHeadersSettings options) =>
        options.FirstInvalid() is { } invalid
            ? ValidateOptionsResult.Fail($"{invalid} is not an IP address (KnownProxies, e.g. 10.0.0.5) or a CIDR network (KnownNetworks, e.g. 10.0.0.0/24).")
            : ValidateOptionsResult.Success;
}
