using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Client;

/// <summary>
/// The MVC and Razor Pages form of <c>RequireConnectTopic</c>: on a controller, an action or a page model, lets a request
/// through only when its person may see <see cref="TopicId"/> (same answers: 401, 403, 503, 500).
/// </summary>
/// <example><code>[RequireConnectTopic("contributions")] public sealed class ContributionsModel : PageModel { … }</code></example>
/// <param name="topicId">The topic id, e.g. <c>contributions</c>.</param>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireConnectTopicAttribute(string topicId) : Attribute, IAsyncAuthorizationFilter
{
    /// <summary>The topic the person must have.</summary>
    public string TopicId { get; } = topicId;

    /// <inheritdoc />
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var refusal = await context.HttpContext.RequestServices.GetRequiredService<ConnectTopicGuard>()
            .AdmitAsync(context.HttpContext, TopicId).ConfigureAwait(false);
        if (refusal is { } status) context.Result = new StatusCodeResult(status);
    }
}
