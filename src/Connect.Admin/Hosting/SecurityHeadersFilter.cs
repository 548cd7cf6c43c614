using Microsoft.AspNetCore.Mvc.Filters;

namespace Connect.Admin.Hosting;

/// <summary>
/// Sets the console's security headers on every page answer, including the short-circuited ones
/// (a failed antiforgery check), which is why it is an always-run filter.
/// </summary>
public sealed class SecurityHeadersFilter : IAlwaysRunResultFilter
{
    // Everything the console serves is its own: no inline script or style, no frames, forms post home only.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public void OnResultExecuting(ResultExecutingContext context)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
