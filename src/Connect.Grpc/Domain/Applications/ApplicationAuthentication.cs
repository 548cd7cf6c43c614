using System.Security.Cryptography;
using System.Text;
using Connect.Grpc.Security;
using Connect.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>
/// OAuth 2.0 client credentials as a call: an application's client id and secret buy a short-lived access token, of
/// which only the SHA-256 is stored. A token dies with its application's revocation, its secret's expiry (also at the
/// end of a rotation's overlap) and its organisation's suspension; resolving one is two reads by key, never a hash of
/// a password.
/// </summary>
internal sealed class ApplicationAuthentication(IStore store, UnitOfWork work, TimeProvider time, IOptions<ApplicationOptions> options,
    ILogger<ApplicationAuthentication> logger)
{
    /// <summary>Access tokens carry this prefix ('.' is outside base64url), so a bearer is told from a session token without a lookup.</summary>
    public const string TokenPrefix = "cat.";

    public static bool IsAccessToken(string bearer) => bearer.StartsWith(TokenPrefix, StringComparison.Ordinal);

    /// <summary>
    /// The application and live secret of a client id and secret, or UNAUTHENTICATED <c>APPLICATION_CREDENTIALS_INVALID</c>
    /// (one answer for every cause, logged without the secret); FAILED_PRECONDITION <c>ORGANIZATION_SUSPENDED</c> for a
    /// partner integration of a suspended organisation. Reads only: a refusal never takes the write lock.
    /// </summary>
    public (Application Application, ApplicationSecret Secret) Authenticate(string? clientId, string? clientSecret)
    {
        var refused = new ConnectException(ErrorReason.ApplicationCredentialsInvalid, "The client id and secret are not a valid credential.");
        var id = Validate.Token("client_id", clientId, ErrorReason.ApplicationCredentialsInvalid);
        var secret = Validate.Token("client_secret", clientSecret, ErrorReason.ApplicationCredentialsInvalid);
        var now = time.UtcNow();
        var hash = Encoding.UTF8.GetBytes(Secrets.HashToken(secret));
        var (application, match, cause) = store.Read(r =>
        {
            var found = r.ApplicationByClientId(id);
            var matching = found?.Secrets.FirstOrDefault(s => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(s.Hash), hash));
            var why = found is null ? "unknown client id"
                : found.RevokedAt is not null ? "application revoked"
                : matching is null ? "wrong or rotated-out secret"
                : matching.ExpiresAt <= now ? "secret expired"
                : found.OrganizationId is { } org && r.Get<Organization>(org) is not { Suspended: false } ? "organisation suspended"
                : null;
            return (found, matching, why);
        });
        if (cause is not null)
        {
            // A registered client id is public; text that matches none may be a secret typed in the wrong field, so it is
            // never logged, nor is the secret.
            logger.LogInformation("Refused an access token for client {ClientId}: {Cause}", application?.ClientId ?? "(unknown)", cause);
            if (cause == "organisation suspended")
                throw new ConnectException(ErrorReason.OrganizationSuspended, "The application's organisation is suspended.");
            throw refused;
        }

        return (application!, match!);
    }

    public (string Token, ApplicationToken Issued, Application Application) IssueToken(Caller caller, string? clientId, string? clientSecret)
    {
        var (application, match) = Authenticate(clientId, clientSecret);
        var now = time.UtcNow();
        var token = TokenPrefix + Secrets.NewToken();
        var issued = new ApplicationToken
        {
            TokenHash = Secrets.HashToken(token),
            ApplicationId = application.Id,
            SecretId = match.Id,
            CreatedAt = now,
            ExpiresAt = new[] { now + options.Value.TokenLifetime, match.ExpiresAt }.Min(),
        };
        work.Write(change =>
        {
            var w = change.Store;
            // Tokens of past hours are of no use to anyone: each exchange clears a few of its application's.
            foreach (var old in w.ExpiredApplicationTokens(application.Id, now, 50)) w.Delete<ApplicationToken>(old.Id);
            w.Insert(issued);
            change.Audit(As(caller, application), AuditActions.ApplicationTokenIssued, application.OrganizationId, "application", application.Id,
                new() { ["secret_id"] = match.Id, ["expire_time"] = issued.ExpiresAt.ToString("O") });
        });
        return (token, issued, application);
    }

    /// <summary>Records in the audit log an access token the OpenID provider signed for the application (nothing of it is kept).</summary>
    public void AuditOpenIdToken(Caller caller, Application application, ApplicationSecret secret) => work.Write(change =>
    {
        change.Audit(As(caller, application), AuditActions.ApplicationTokenIssued, application.OrganizationId, "application", application.Id,
            new() { ["secret_id"] = secret.Id, ["via"] = "openid" });
        return 0;
    });

    /// <summary>The application of a live access token, or UNAUTHENTICATED <c>ACCESS_TOKEN_INVALID</c>.</summary>
    public ApplicationPrincipal Resolve(string token)
    {
        var invalid = new ConnectException(ErrorReason.AccessTokenInvalid,
            "The access token is unknown or expired, or its application or secret is no longer accepted; ask CreateApplicationToken for a new one.");
        if (token.Length > 128) throw invalid;
        var now = time.UtcNow();
        var hash = Secrets.HashToken(token);
        return store.Read(r =>
        {
            var issued = r.ApplicationTokenByHash(hash);
            if (issued is null || issued.ExpiresAt <= now) throw invalid;
            var application = r.Get<Application>(issued.ApplicationId);
            if (application is null || application.RevokedAt is not null
                || !application.Secrets.Any(s => s.Id == issued.SecretId && s.ExpiresAt > now))
                throw invalid;
            if (application.OrganizationId is { } org && r.Get<Organization>(org) is not { Suspended: false })
                throw new ConnectException(ErrorReason.OrganizationSuspended, "The application's organisation is suspended.");
            return new ApplicationPrincipal(application.Id, application.DisplayName, application.Kind, application.OrganizationId,
                application.Scopes, issued.Id, issued.ExpiresAt);
        });
    }

    /// <summary>The caller as the application, for the audit log.</summary>
    public static Caller As(Caller caller, Application application) => caller with
    {
        PersonId = null,
        OrganizationId = application.OrganizationId,
        ApplicationId = application.Id,
        ApplicationName = application.DisplayName,
    };

    /// <summary>The caller as the application of <paramref name="principal"/>, for the audit log.</summary>
    public static Caller As(Caller caller, ApplicationPrincipal principal) => caller with
    {
        PersonId = null,
        OrganizationId = principal.OrganizationId,
        ApplicationId = principal.ApplicationId,
        ApplicationName = principal.DisplayName,
    };
}
