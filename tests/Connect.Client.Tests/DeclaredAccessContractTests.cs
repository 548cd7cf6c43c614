using Connect.Client;
using Connect.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace Connect.Client.Tests;

/// <summary>
/// What a client reads from the protos: every RPC says who may call it, and the calls the client repeats by itself
/// are exactly those marked <c>idempotency_level = NO_SIDE_EFFECTS</c>.
/// </summary>
public sealed class DeclaredAccessContractTests
{
    private static readonly IReadOnlyList<MethodDescriptor> Methods = ConnectRetryPolicy.ConnectServices().SelectMany(s => s.Methods).ToList();

    [Fact]
    public void EveryRpc_DeclaresWhoMayCallIt()
    {
        Assert.Equal(93, Methods.Count);
        var undeclared = Methods
            .Where(m => AccessOf(m) is not { Caller: not AccessCaller.Unspecified })
            .Select(m => m.FullName)
            .ToList();
        Assert.True(undeclared.Count == 0, "RPCs without option (connect.v1.access): " + string.Join(", ", undeclared));
    }

    /// <summary>Parsed from the option's bytes: this process also holds the server's copy of the generated types.</summary>
    private static Access? AccessOf(MethodDescriptor method) => method.GetOptions() is { } options
        ? MethodOptions.Parser.WithExtensionRegistry([AccessExtensions.Access]).ParseFrom(options.ToByteString()).GetExtension(AccessExtensions.Access)
        : null;

    [Fact]
    public void TheRetryList_IsTheRpcsWithNoSideEffects_TheReadsAccessChecksAndTokenExchange()
    {
        var marked = Methods
            .Where(m => m.GetOptions()?.IdempotencyLevel == MethodOptions.Types.IdempotencyLevel.NoSideEffects)
            .Select(m => m.Service.FullName + "/" + m.Name)
            .Order()
            .ToList();
        Assert.Equal(marked, ConnectRetryPolicy.SafeMethods.Select(m => m.Service + "/" + m.Method).Order());
        string[] expected =
        [
            "connect.v1.AccountService/GetAccount", "connect.v1.AccountService/ListMembershipInvitations", "connect.v1.AccountService/ListPasskeys",
            "connect.v1.ActivationService/GetActivation",
            "connect.v1.ApplicationService/CreateApplicationToken", "connect.v1.ApplicationService/GetApplication",
            "connect.v1.ApplicationService/ListApplications",
            "connect.v1.AuditService/SearchAuditEvents",
            "connect.v1.InvitationService/ListInvitations",
            "connect.v1.MemberService/GetMember", "connect.v1.MemberService/ListGrantableTopics", "connect.v1.MemberService/ListMembers",
            "connect.v1.MemberService/ListOrganizationAuditEvents",
            "connect.v1.OrganizationService/GetOrganization", "connect.v1.OrganizationService/ListOrganizations",
            "connect.v1.OrganizationService/ListTopics",
            "connect.v1.RegistrationService/GetRegistration",
            "connect.v1.SessionService/CheckAccess", "connect.v1.SessionService/ListMyOrganizations",
            "connect.v1.SessionService/ListSessions", "connect.v1.SessionService/WhoAmI",
            "connect.v1.SupportService/GetPerson", "connect.v1.SupportService/GetSignInLock", "connect.v1.SupportService/GetSupportContact",
            "connect.v1.SupportService/SearchPersons",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), marked.Order(StringComparer.Ordinal));
    }
}
