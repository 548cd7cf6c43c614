using Connect.Client;

namespace Connect.Admin.Sessions;

/// <summary>Gives every call of the client library the session of the browser the console is serving.</summary>
public sealed class CookieSessionTokenProvider(IHttpContextAccessor accessor) : ISessionTokenProvider
{
    public string? GetSessionToken() =>
        accessor.HttpContext is { } context ? ConsoleCookies.ReadSession(context.Request) : null;
}
