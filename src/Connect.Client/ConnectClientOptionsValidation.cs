using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Client;

/// <summary>
/// Refuses options that cannot work: an address the channel cannot use (see <see cref="ConnectAddressesValidation"/>),
/// a client id without its secret, and an application's credentials beside an <see cref="ISessionTokenProvider"/>
/// (a call would act for the application or for the person by accident).
/// </summary>
internal sealed class ConnectClientOptionsValidation(IServiceProvider services) : IValidateOptions<ConnectClientOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectClientOptions options)
    {
        var failures = ConnectAddressesValidation.Failures(options).ToList();
        if (options.Deadline <= TimeSpan.Zero) failures.Add("Connect: Deadline must be positive.");
        if (string.IsNullOrEmpty(options.ClientId) != string.IsNullOrEmpty(options.ClientSecret))
            failures.Add("Connect: ClientId and ClientSecret go together; set both or neither.");
        if (options.HasApplicationCredentials && services.GetService<IServiceProviderIsService>()?.IsService(typeof(ISessionTokenProvider)) == true)
            failures.Add("Connect: an application's ClientId/ClientSecret and an ISessionTokenProvider are both configured; "
                + "calls act for one caller: remove one (internal apps forward a person's token through ConnectAccessChecker).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
