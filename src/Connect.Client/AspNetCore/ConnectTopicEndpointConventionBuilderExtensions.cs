using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Client;

/// <summary>Puts Connect's access check in front of endpoints.</summary>
public static class ConnectTopicEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Lets a request through only when its person may see <paramref name="topicId"/>: the person's session token is read
    /// from <c>Authorization: Bearer</c> (or the <see cref="ConnectClientOptions.SessionCookieName"/> cookie) and checked
    /// with Connect's <c>CheckAccess</c>, authorised by the app's own credentials. Answers 401 with
    /// <c>WWW-Authenticate: Bearer</c> without a live session, 403 when the topic is not granted, 503 when Connect does not
    /// answer, 500 (logged) when Connect refuses the app's credentials. The admitted person is a <see cref="ConnectPerson"/>.
    /// Works on one endpoint, a group, controllers and Razor Pages; needs <c>AddConnectClient</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// app.MapGet("/contributions", async (ConnectPerson person) => (await person.WhoAmIAsync()).GivenName)
    ///    .RequireConnectTopic("contributions");
    /// </code>
    /// </example>
    public static TBuilder RequireConnectTopic<TBuilder>(this TBuilder builder, string topicId) where TBuilder : IEndpointConventionBuilder
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topicId);
        builder.Add(endpoint =>
        {
            // Wrapping the endpoint's own delegate needs no middleware that an app could forget to add.
            var next = endpoint.RequestDelegate
                ?? throw new InvalidOperationException($"RequireConnectTopic: endpoint {endpoint.DisplayName} has no request delegate.");
            endpoint.RequestDelegate = async context =>
            {
                var refusal = await context.RequestServices.GetRequiredService<ConnectTopicGuard>().AdmitAsync(context, topicId).ConfigureAwait(false);
                if (refusal is { } status) context.Response.StatusCode = status;
                else await next(context).ConfigureAwait(false);
            };
        });
        return builder;
    }
}
