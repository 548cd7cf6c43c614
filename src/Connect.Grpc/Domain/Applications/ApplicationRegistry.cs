using System.Security.Cryptography;
using Connect.Grpc.Security;
using Connect.V1;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Domain;

/// <summary>
/// Registering and managing applications. Fund operators manage the internal apps; an organisation's administrators
/// manage its partner integrations and no one else's (another organisation's application is NOT_FOUND, like a missing
/// one). A secret is returned once, when it is made; only its hash is kept.
/// </summary>
internal sealed class ApplicationRegistry(IStore store, UnitOfWork work, TimeProvider time, IOptions<ApplicationOptions> options)
{
    public static readonly TimeSpan DefaultOverlap = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxOverlap = TimeSpan.FromDays(30);
    private const string SecretPrefix = "cs_";
    private const int HintLength = 7;

    public (Application Application, string Secret) Create(AdministratorPrincipal principal, string? displayName, ApplicationKind kind,
        IEnumerable<string> requestedScopes)
    {
        var (caller, session) = principal;
        if (kind == ApplicationKind.Internal) OperatorPrincipal.Require(caller, session);
        else if (kind != ApplicationKind.Partner) throw ConnectException.Field("kind", "must be APPLICATION_KIND_INTERNAL or APPLICATION_KIND_PARTNER");
        var name = Validate.Name("display_name", displayName);
        var scopes = ApplicationScopes.Parse(kind, requestedScopes);
        var owner = kind == ApplicationKind.Internal ? Application.InternalOwner : session.OrganizationId;
        var now = time.UtcNow();

        return work.Write(change =>
        {
            var w = change.Store;
            if (w.ActiveApplicationCount(owner) >= options.Value.MaxActivePerOwner)
                throw new ConnectException(ErrorReason.ApplicationLimitReached,
                    $"At most {options.Value.MaxActivePerOwner} applications may be active at once; revoke one first.");
            var application = new Application
            {
                ClientId = "app_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)),
                DisplayName = name,
                Kind = kind,
                OrganizationId = kind == ApplicationKind.Partner ? session.OrganizationId : null,
                Owner = owner,
                Scopes = scopes,
                CreatedAt = now,
                CreatedBy = caller.PersonId,
            };
            var secret = AddSecret(application, now);
            w.Insert(application);
            change.Audit(caller, AuditActions.ApplicationCreated, application.OrganizationId, "application", application.Id, new()
            {
                ["display_name"] = name,
                ["kind"] = WireNames.Of(kind),
                ["scopes"] = string.Join(" ", scopes),
                ["client_id"] = application.ClientId,
            });
            return (application, secret);
        });
    }

    /// <summary>The applications <paramref name="principal"/> manages: active first by name, then revoked ones, newest first.</summary>
    public IReadOnlyList<Application> List(AdministratorPrincipal principal)
    {
        var session = principal.Session;
        return store.Read(r =>
        {
            var owned = r.ApplicationsOwnedBy(session.OrganizationId).AsEnumerable();
            if (session.Operator) owned = owned.Concat(r.ApplicationsOwnedBy(Application.InternalOwner));
            return owned.OrderBy(a => a.RevokedAt is null ? 0 : 1)
                .ThenBy(a => a.RevokedAt is null ? a.DisplayName : "", StringComparer.CurrentCultureIgnoreCase)
                .ThenByDescending(a => a.RevokedAt)
                .ToList();
        });
    }

    public Application Get(AdministratorPrincipal principal, string? applicationId) => store.Read(r => Load(r, principal.Session, applicationId));

    /// <summary>A new secret; the previous ones stay accepted for the overlap (and never beyond their own expiry).</summary>
    public (Application Application, string Secret, DateTime? PreviousExpire) Rotate(AdministratorPrincipal principal, string? applicationId,
        TimeSpan? overlap)
    {
        var (caller, session) = principal;
        var keep = overlap ?? DefaultOverlap;
        if (keep < TimeSpan.Zero || keep > MaxOverlap) throw ConnectException.Field("overlap", "must be between 0 and 30 days");
        var now = time.UtcNow();
        return work.Write(change =>
        {
            var w = change.Store;
            var application = Load(w, session, applicationId);
            RequireActive(application);
            DateTime? previousExpire = null;
            foreach (var previous in application.Secrets.Where(s => s.ExpiresAt > now))
            {
                previous.ExpiresAt = new[] { previous.ExpiresAt, now + keep }.Min();
                previousExpire = previousExpire is { } known && known > previous.ExpiresAt ? known : previous.ExpiresAt;
            }
            var secret = AddSecret(application, now);
            w.Update(application);
            change.Audit(caller, AuditActions.ApplicationSecretRotated, application.OrganizationId, "application", application.Id, new()
            {
                ["secret_id"] = application.Secrets[^1].Id,
                ["previous_secrets_expire_time"] = previousExpire?.ToString("O") ?? "",
            });
            return (application, secret, previousExpire);
        });
    }

    /// <summary>Replaces an internal app's OpenID Connect URIs (an operator's change).</summary>
    public Application UpdateSignIn(OperatorPrincipal principal, string? applicationId, IEnumerable<string> redirectUris,
        IEnumerable<string> postLogoutRedirectUris, string? backchannelLogoutUri)
    {
        var redirects = ApplicationSignInUris.List("sign_in.redirect_uris", redirectUris, atLeast: 1);
        var postLogout = ApplicationSignInUris.List("sign_in.post_logout_redirect_uris", postLogoutRedirectUris, atLeast: 0);
        var backchannel = string.IsNullOrEmpty(backchannelLogoutUri) ? null : ApplicationSignInUris.One("sign_in.backchannel_logout_uri", backchannelLogoutUri);
        return work.Write(change =>
        {
            var w = change.Store;
            var application = Load(w, principal.Session, applicationId);
            if (application.Kind != ApplicationKind.Internal) throw ApplicationSignInUris.NotInternal();
            RequireActive(application);
            application.RedirectUris = redirects;
            application.PostLogoutRedirectUris = postLogout;
            application.BackchannelLogoutUri = backchannel;
            w.Update(application);
            change.Audit(principal.Caller, AuditActions.ApplicationSignInUpdated, application.OrganizationId, "application", application.Id, new()
            {
                ["redirect_uris"] = string.Join(" ", redirects),
                ["post_logout_redirect_uris"] = string.Join(" ", postLogout),
                ["backchannel_logout_uri"] = backchannel ?? "",
            });
            return application;
        });
    }

    public Application Revoke(AdministratorPrincipal principal, string? applicationId, string? reason)
    {
        var (caller, session) = principal;
        var why = Validate.Name("reason", reason, Validate.MaxReasonLength);
        return work.Write(change =>
        {
            var w = change.Store;
            var application = Load(w, session, applicationId);
            RequireActive(application);
            application.RevokedAt = time.UtcNow();
            w.Update(application);
            change.Audit(caller, AuditActions.ApplicationRevoked, application.OrganizationId, "application", application.Id, new() { ["reason"] = why });
            return application;
        });
    }

    /// <summary>The secrets still accepted, newest first.</summary>
    public IEnumerable<ApplicationSecret> LiveSecrets(Application application)
    {
        var now = time.UtcNow();
        return application.RevokedAt is null
            ? application.Secrets.Where(s => s.ExpiresAt > now).OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal)
            : [];
    }

    private string AddSecret(Application application, DateTime now)
    {
        // Expired secrets are of no use, and their hashes need not be kept.
        application.Secrets.RemoveAll(s => s.ExpiresAt <= now);
        var secret = SecretPrefix + Secrets.NewToken();
        application.Secrets.Add(new ApplicationSecret
        {
            Hash = Secrets.HashToken(secret),
            Hint = secret[..HintLength],
            CreatedAt = now,
            ExpiresAt = now + options.Value.SecretLifetime,
        });
        return secret;
    }

    private static void RequireActive(Application application)
    {
        if (application.RevokedAt is not null) throw new ConnectException(ErrorReason.ApplicationRevoked, "The application is revoked.");
    }

    /// <summary>An application the session manages, or NOT_FOUND exactly like a missing one.</summary>
    private static Application Load(IStoreReader reader, SessionInfo session, string? applicationId)
    {
        var id = Validate.Token("application_id", applicationId, ErrorReason.ApplicationNotFound);
        var application = reader.Get<Application>(id);
        var manages = application is not null
            && (application.Owner == session.OrganizationId || (application.Owner == Application.InternalOwner && session.Operator));
        return manages ? application! : throw new ConnectException(ErrorReason.ApplicationNotFound, "No such application.");
    }
}
