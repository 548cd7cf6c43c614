using Connect.V1;
using Microsoft.AspNetCore.Http;

namespace Connect.Client;

/// <summary>
/// The person a <c>RequireConnectTopic</c> endpoint admitted. A minimal API handler takes it as a parameter
/// (<c>(ConnectPerson person) => …</c>); elsewhere <see cref="ConnectHttpContextExtensions.GetConnectPerson"/>.
/// </summary>
public sealed class ConnectPerson
{
    private readonly Func<CancellationToken, Task<WhoAmIResponse>> _whoAmI;
    private Task<WhoAmIResponse>? _facts;

    internal ConnectPerson(string personId, string organizationId, Func<CancellationToken, Task<WhoAmIResponse>> whoAmI)
    {
        PersonId = personId;
        OrganizationId = organizationId;
        _whoAmI = whoAmI;
    }

    /// <summary>The person's id.</summary>
    public string PersonId { get; }

    /// <summary>The organisation their session acts for.</summary>
    public string OrganizationId { get; }

    /// <summary>
    /// Names, e-mail address, language, administrator flag and topics: one <c>WhoAmI</c> call the first time it is
    /// asked for in a request, the same answer after.
    /// </summary>
    /// <exception cref="ConnectClientException">Connect refused or did not answer.</exception>
    public Task<WhoAmIResponse> WhoAmIAsync(CancellationToken cancellationToken = default) =>
        _facts ??= _whoAmI(cancellationToken);

    /// <summary>Binds a minimal API handler's parameter from the request's features.</summary>
    /// <exception cref="InvalidOperationException">The endpoint has no <c>RequireConnectTopic</c>.</exception>
    public static ValueTask<ConnectPerson?> BindAsync(HttpContext context) => ValueTask.FromResult<ConnectPerson?>(context.GetConnectPerson());
}

/// <summary>Reads what <c>RequireConnectTopic</c> found out about the request's person.</summary>
public static class ConnectHttpContextExtensions
{
    /// <summary>The person a <c>RequireConnectTopic</c> endpoint or <see cref="RequireConnectTopicAttribute"/> admitted.</summary>
    /// <exception cref="InvalidOperationException">The endpoint is not guarded by a Connect topic.</exception>
    public static ConnectPerson GetConnectPerson(this HttpContext context) =>
        context.Features.Get<ConnectPerson>()
        ?? throw new InvalidOperationException("No ConnectPerson: guard the endpoint with RequireConnectTopic(\"…\") or [RequireConnectTopic(\"…\")].");
}
