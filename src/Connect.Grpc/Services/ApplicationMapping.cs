using Connect.Grpc.Domain;
using Google.Protobuf.WellKnownTypes;

namespace Connect.Grpc.Services;

/// <summary>Applications between the domain and the API.</summary>
internal static class ApplicationMapping
{
    public static V1.Application ToProto(this Application application, IEnumerable<ApplicationSecret> liveSecrets)
    {
        var proto = new V1.Application
        {
            Id = application.Id,
            ClientId = application.ClientId,
            DisplayName = application.DisplayName,
            Kind = application.Kind.ToProto(),
            OrganizationId = application.OrganizationId ?? "",
            State = application.RevokedAt is null ? V1.ApplicationState.Active : V1.ApplicationState.Revoked,
            CreateTime = application.CreatedAt.ToTimestamp(),
        };
        proto.Scopes.AddRange(application.Scopes);
        if (application.RedirectUris.Count > 0)
        {
            proto.SignIn = new V1.ApplicationSignIn { BackchannelLogoutUri = application.BackchannelLogoutUri ?? "" };
            proto.SignIn.RedirectUris.AddRange(application.RedirectUris);
            proto.SignIn.PostLogoutRedirectUris.AddRange(application.PostLogoutRedirectUris);
        }
        if (application.RevokedAt is { } revoked) proto.RevokeTime = revoked.ToTimestamp();
        proto.Secrets.AddRange(liveSecrets.Select(s => new V1.ApplicationSecret
        {
            Id = s.Id,
            Hint = s.Hint,
            CreateTime = s.CreatedAt.ToTimestamp(),
            ExpireTime = s.ExpiresAt.ToTimestamp(),
        }));
        return proto;
    }

    public static V1.ApplicationKind ToProto(this ApplicationKind kind) => kind switch
    {
        ApplicationKind.Internal => V1.ApplicationKind.Internal,
        ApplicationKind.Partner => V1.ApplicationKind.Partner,
        _ => V1.ApplicationKind.Unspecified,
    };

    public static ApplicationKind ToDomain(this V1.ApplicationKind kind) => kind switch
    {
        V1.ApplicationKind.Internal => ApplicationKind.Internal,
        V1.ApplicationKind.Partner => ApplicationKind.Partner,
        _ => 0,
    };

    /// <summary>The overlap asked for, or null for the default; the registry checks its range, <see cref="TimeFields"/> its form.</summary>
    public static TimeSpan? ToOverlap(this Duration? overlap) => overlap?.ToTimeSpan();
}
