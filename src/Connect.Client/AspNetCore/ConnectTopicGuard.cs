using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Client;

/// <summary>
/// The door of a topic-guarded endpoint: reads the person's session token from the request, asks Connect's
/// <c>CheckAccess</c>, and answers 401 (no token, or not a live session; with <c>WWW-Authenticate: Bearer</c>),
/// 403 (the topic is not granted), 503 (Connect unreachable or too slow) or 500 (Connect refuses the app itself:
/// a misconfiguration the person cannot fix, logged as an error and never shown as their refusal).
/// </summary>
internal sealed class ConnectTopicGuard(IOptions<ConnectClientOptions> options, ILogger<ConnectTopicGuard> logger)
{
    private const string BearerPrefix = "Bearer ";

    /// <summary>Null when the person may go on (then <see cref="ConnectPerson"/> is in the request's features), else the status to answer.</summary>
    public async Task<int?> AdmitAsync(HttpContext context, string topicId)
    {
        var token = ReadToken(context.Request);
        if (token is null) return Unauthenticated(context, "Bearer");
        var access = context.RequestServices.GetRequiredService<ConnectAccessChecker>();
        try
        {
            var answer = await access.CheckTopicAsync(token, topicId, context.RequestAborted).ConfigureAwait(false);
            if (!answer.Allowed) return StatusCodes.Status403Forbidden;
            context.Features.Set(new ConnectPerson(answer.PersonId, answer.OrganizationId,
                cancellationToken => access.WhoAmIAsync(token, cancellationToken)));
            return null;
        }
        catch (ConnectClientException refused) when (refused.Reason is V1.ErrorReason.SessionInvalid or V1.ErrorReason.SessionRequired)
        {
            return Unauthenticated(context, "Bearer error=\"invalid_token\"");
        }
        catch (ConnectClientException) when (context.RequestAborted.IsCancellationRequested)
        {
            return StatusCodes.Status499ClientClosedRequest; // nobody is left to answer, nothing to log
        }
        catch (ConnectClientException failed) when (failed.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Cancelled)
        {
            logger.LogWarning("Connect did not answer the access check for topic {TopicId} ({StatusCode}).", topicId, failed.StatusCode);
            return StatusCodes.Status503ServiceUnavailable;
        }
        catch (ConnectClientException refused)
        {
            logger.LogError("Connect refused this app's own credentials for the access check of topic {TopicId}: {StatusCode} {Reason}. "
                + "Check Connect:ClientId, Connect:ClientSecret and that the app is an active internal app with scope access.check.",
                topicId, refused.StatusCode, ConnectClientException.ReasonName(refused.Reason));
            return StatusCodes.Status500InternalServerError;
        }
    }

    private string? ReadToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) && header[BearerPrefix.Length..].Trim() is { Length: > 0 } bearer)
            return bearer;
        var cookie = options.Value.SessionCookieName;
        return !string.IsNullOrEmpty(cookie) && request.Cookies.TryGetValue(cookie, out var value) && !string.IsNullOrEmpty(value) ? value : null;
    }

    private static int Unauthenticated(HttpContext context, string challenge)
    {
        context.Response.Headers.WWWAuthenticate = challenge;
        return StatusCodes.Status401Unauthorized;
    }
}
