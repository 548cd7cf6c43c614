using Connect.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Connect.Client;

/// <summary>
/// Exchanges the application's client id and secret for an access token and keeps it until shortly before it
/// expires. One exchange at a time: callers that find the token stale wait for the exchange already under way.
/// The token and the secret are never logged.
/// </summary>
internal sealed class ApplicationTokenSource(TokenExchangeClient client, IOptions<ConnectClientOptions> options, TimeProvider time)
{
    /// <summary>Renew this long before the token expires, so that a call under way never carries a dying token.</summary>
    internal static readonly TimeSpan RenewalMargin = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _exchange = new(1, 1);
    private volatile IssuedToken? _current;

    /// <summary>A live access token, from the cache or from a new exchange.</summary>
    /// <exception cref="ConnectClientException">Connect refused the credentials (e.g. <c>APPLICATION_CREDENTIALS_INVALID</c>) or is unreachable.</exception>
    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        if (_current is { } cached && cached.RenewAt > time.GetUtcNow()) return cached.Value;
        await _exchange.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is { } renewed && renewed.RenewAt > time.GetUtcNow()) return renewed.Value;
            var settings = options.Value;
            var response = await ConnectCall.Run(client.CreateApplicationTokenAsync(
                new() { ClientId = settings.ClientId ?? "", ClientSecret = settings.ClientSecret ?? "" },
                new CallOptions(deadline: DateTime.UtcNow + settings.Deadline, cancellationToken: cancellationToken))).ConfigureAwait(false);
            _current = new IssuedToken(response.AccessToken, RenewAt(response.ExpireTime.ToDateTimeOffset()));
            return response.AccessToken;
        }
        finally
        {
            _exchange.Release();
        }
    }

    // A token that lives shorter than twice the margin is renewed halfway through its life instead.
    private DateTimeOffset RenewAt(DateTimeOffset expireTime)
    {
        var now = time.GetUtcNow();
        var lifetime = expireTime - now;
        return lifetime > 2 * RenewalMargin ? expireTime - RenewalMargin : now + lifetime / 2;
    }

    // A class, not a record: a record's ToString would print the token.
    private sealed class IssuedToken(string value, DateTimeOffset renewAt)
    {
        public string Value { get; } = value;
        public DateTimeOffset RenewAt { get; } = renewAt;
    }
}

/// <summary>The application service without call credentials: the token exchange must not need the token it fetches.</summary>
internal sealed class TokenExchangeClient(CallInvoker invoker) : ApplicationService.ApplicationServiceClient(invoker);
