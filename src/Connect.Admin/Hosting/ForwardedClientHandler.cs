namespace Connect.Admin.Hosting;

/// <summary>
/// Tells Connect who is really calling: the browser's address (<c>X-Forwarded-For</c>, which the server trusts
/// from known proxies only) and its user agent, so that the per-address throttle counts people, not the
/// console, and the sessions list shows each person's browser.
/// </summary>
public sealed class ForwardedClientHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    private const string UserAgentHeader = "x-forwarded-user-agent";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context)
        {
            if (context.Connection.RemoteIpAddress is { } address) request.Headers.TryAddWithoutValidation("X-Forwarded-For", address.ToString());
            var userAgent = context.Request.Headers.UserAgent.ToString();
            // Connect keeps at most 256 characters of it; that limit is the server's.
            if (userAgent.Length > 0) request.Headers.TryAddWithoutValidation(UserAgentHeader, userAgent);
        }
        return base.SendAsync(request, cancellationToken);
    }
}
