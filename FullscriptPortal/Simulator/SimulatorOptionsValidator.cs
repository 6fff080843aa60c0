using Microsoft.Extensions.Options;

namespace FullscriptPortal.Simulator;

/// <summary>The simulator mints tokens for whoever uses its consent page, so outside Development it runs only when asked
/// for by name (<c>Simulator:Enabled</c>) and with a client secret of its own, never the one in the source.</summary>
internal sealed class SimulatorOptionsValidator(IHostEnvironment environment, IConfiguration configuration) : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        if (environment.IsDevelopment() || !SimulatorRegistration.IsEnabled(configuration)) return ValidateOptionsResult.Success;

        var failures = new List<string>();
        if (!options.Enabled)
        {
            failures.Add(
                "The embedded Fullscript simulator is on (Fullscript:Server is 'simulator') outside Development. It is a development " +
                "tool: set Fullscript:Server to a real server, or, to run it anyway, set Simulator:Enabled to true and Simulator:ClientSecret.");
        }
        if (options.ClientSecret == SimulatorOptions.DefaultClientSecret || options.ClientSecret.Trim().Length < SimulatorOptions.MinimumSecretLength)
        {
            failures.Add(
                $"Simulator:ClientSecret must be a generated secret of at least {SimulatorOptions.MinimumSecretLength} characters outside " +
                "Development, not the default: generate one with `openssl rand -base64 32` and set the environment variable Simulator__ClientSecret.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
