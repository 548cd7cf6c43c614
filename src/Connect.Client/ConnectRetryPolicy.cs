using Connect.V1;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Grpc.Net.Client.Configuration;

namespace Connect.Client;

/// <summary>
/// Which calls the channel repeats by itself: only those that change nothing (reads, access checks, and the token
/// exchange, where a second token is harmless), only on <c>UNAVAILABLE</c>, at most <see cref="MaxAttempts"/> attempts
/// with a backoff, all within the call's deadline. A change (<c>CreateMember</c>, <c>VerifyMemberPhone</c>, …) is never
/// repeated: whether the first attempt reached Connect is unknown, and a code or an SMS must not be spent twice.
/// </summary>
internal static class ConnectRetryPolicy
{
    internal const int MaxAttempts = 3;

    /// <summary>The methods that are safe to repeat, by service; a name that does not exist fails at start.</summary>
    internal static readonly IReadOnlyList<MethodName> SafeMethods =
    [
        .. Methods(SessionService.Descriptor, "WhoAmI", "CheckAccess", "ListMyOrganizations", "ListSessions"),
        .. Methods(AccountService.Descriptor, "GetAccount", "ListMembershipInvitations"),
        .. Methods(MemberService.Descriptor, "ListMembers", "GetMember", "ListGrantableTopics", "ListOrganizationAuditEvents"),
        .. Methods(ApplicationService.Descriptor, "CreateApplicationToken", "ListApplications", "GetApplication"),
        .. Methods(OrganizationService.Descriptor, "GetOrganization", "ListOrganizations", "ListTopics"),
        .. Methods(InvitationService.Descriptor, "ListInvitations"),
        .. Methods(SupportService.Descriptor, "GetSupportContact", "GetSignInLock", "SearchPersons", "GetPerson"),
        .. Methods(AuditService.Descriptor, "SearchAuditEvents"),
        .. Methods(ActivationService.Descriptor, "GetActivation"),
        .. Methods(RegistrationService.Descriptor, "GetRegistration"),
    ];

    /// <summary>The service config every Connect channel gets.</summary>
    internal static ServiceConfig ServiceConfig()
    {
        var method = new MethodConfig
        {
            RetryPolicy = new RetryPolicy
            {
                MaxAttempts = MaxAttempts,
                InitialBackoff = TimeSpan.FromMilliseconds(200),
                MaxBackoff = TimeSpan.FromSeconds(2),
                BackoffMultiplier = 2,
                RetryableStatusCodes = { StatusCode.Unavailable },
            },
        };
        foreach (var name in SafeMethods) method.Names.Add(name);
        return new ServiceConfig { MethodConfigs = { method } };
    }

    private static IEnumerable<MethodName> Methods(ServiceDescriptor service, params string[] names) =>
        names.Select(name => new MethodName
        {
            Service = service.FullName,
            Method = service.FindMethodByName(name)?.Name
                ?? throw new InvalidOperationException($"{service.FullName} has no method {name}."),
        });
}
