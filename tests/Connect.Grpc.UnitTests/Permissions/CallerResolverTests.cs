using Connect.Grpc.Domain;
using Connect.Grpc.Services;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.UnitTests.Permissions;

/// <summary>
/// Which caller passes which declared access, and which status and reason a wrong one gets: the rules the interceptor
/// applies before every RPC, with the store's lookups replaced by a table of tokens.
/// </summary>
public sealed class CallerResolverTests
{
    private const string Member = "member-token";
    private const string Administrator = "administrator-token";
    private const string Operator = "operator-token";
    private const string Partner = ApplicationAuthentication.TokenPrefix + "partner";
    private const string PartnerReader = ApplicationAuthentication.TokenPrefix + "reader";
    private const string Internal = ApplicationAuthentication.TokenPrefix + "internal";

    private static readonly Caller Anonymous = Caller.Anonymous("192.0.2.1", "tests");
    private static readonly DateTime Expires = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<string, SessionInfo> Sessions = new()
    {
        [Member] = new("s-member", "p-member", "o-employer", Administrator: false, Operator: false, [], Expires),
        [Administrator] = new("s-admin", "p-admin", "o-employer", Administrator: true, Operator: false, [], Expires),
        [Operator] = new("s-operator", "p-operator", "o-fund", Administrator: true, Operator: true, [], Expires),
    };

    private static readonly Dictionary<string, ApplicationPrincipal> Applications = new()
    {
        [Partner] = new("a-partner", "Payroll", Domain.ApplicationKind.Partner, "o-employer", ["users.read", "users.write"], "t-partner", Expires),
        [PartnerReader] = new("a-reader", "Reports", Domain.ApplicationKind.Partner, "o-employer", ["users.read"], "t-reader", Expires),
        [Internal] = new("a-internal", "Intranet", Domain.ApplicationKind.Internal, null, ["access.check"], "t-internal", Expires),
    };

    private readonly CallerResolver _resolver = new(
        token => Sessions.TryGetValue(token, out var session) ? session : throw new ConnectException(ErrorReason.SessionInvalid, "unknown"),
        token => Applications.TryGetValue(token, out var application) ? application : throw new ConnectException(ErrorReason.AccessTokenInvalid, "unknown"));

    private static readonly Access AnyOne = new() { Caller = AccessCaller.Anonymous };
    private static readonly Access APerson = new() { Caller = AccessCaller.Session };
    private static readonly Access AnOperator = new() { Caller = AccessCaller.Operator };
    private static readonly Access AnAdministrator = new() { Caller = AccessCaller.Administrator };
    private static readonly Access AnAdministratorOrWriter = new() { Caller = AccessCaller.Administrator, Scopes = { "users.write" } };
    private static readonly Access APersonOrChecker = new() { Caller = AccessCaller.Session, Scopes = { "access.check" }, SessionTokenField = "session_token" };

    [Theory]
    [InlineData(null)]
    [InlineData("Basic abc")]
    [InlineData("Bearer nobody")]
    [InlineData("Bearer " + Partner)]
    public void Anonymous_LetsEveryoneThrough_WithoutReadingTheirCredentials(string? authorization)
    {
        var principal = Resolve(AnyOne, authorization);
        Assert.Same(Anonymous, principal.Caller);
        Assert.Null(principal.Session);
    }

    [Theory]
    [InlineData(nameof(APerson))]
    [InlineData(nameof(AnOperator))]
    [InlineData(nameof(AnAdministrator))]
    [InlineData(nameof(AnAdministratorOrWriter))]
    [InlineData(nameof(APersonOrChecker))]
    public void EveryCallerNeedingACredential_AnswersTheSame_ToNone_ToAMalformedOne_AndToAnUnknownOne(string declared)
    {
        var access = Declared(declared);
        Refused(StatusCode.Unauthenticated, ErrorReason.SessionRequired, () => Resolve(access, null));
        Refused(StatusCode.Unauthenticated, ErrorReason.SessionRequired, () => Resolve(access, "  "));
        Refused(StatusCode.Unauthenticated, ErrorReason.SessionInvalid, () => Resolve(access, "Basic " + Member));
        Refused(StatusCode.Unauthenticated, ErrorReason.SessionInvalid, () => Resolve(access, "Bearer nobody"));
        Refused(StatusCode.Unauthenticated, ErrorReason.AccessTokenInvalid, () => Resolve(access, "Bearer " + ApplicationAuthentication.TokenPrefix + "nobody"));
    }

    [Fact]
    public void Session_TakesAnyPersonsSession_AndRefusesAnApplication()
    {
        var principal = Resolve(APerson, "bearer " + Member);
        Assert.Equal(Sessions[Member], principal.Session);
        Assert.Equal(("p-member", "o-employer", "192.0.2.1"), (principal.Caller.PersonId, principal.Caller.OrganizationId, principal.Caller.ClientAddress));
        Assert.Null(principal.Administrator);
        Assert.Null(principal.Operator);

        var refused = Refused(StatusCode.PermissionDenied, ErrorReason.ScopeNotGranted, () => Resolve(APerson, "Bearer " + Internal));
        Assert.Equal("", refused.Metadata["scope"]);
    }

    [Fact]
    public void Operator_TakesOnlyAnOperatorsSession()
    {
        var principal = Resolve(AnOperator, "Bearer " + Operator);
        Assert.NotNull(principal.Operator);
        Assert.Equal("p-operator", principal.Operator.Caller.PersonId);

        Refused(StatusCode.PermissionDenied, ErrorReason.OperatorRequired, () => Resolve(AnOperator, "Bearer " + Administrator));
        Refused(StatusCode.PermissionDenied, ErrorReason.OperatorRequired, () => Resolve(AnOperator, "Bearer " + Member));
        Refused(StatusCode.PermissionDenied, ErrorReason.ScopeNotGranted, () => Resolve(AnOperator, "Bearer " + Internal));
    }

    [Fact]
    public void Administrator_TakesAnAdministratorsSession_AnOperatorsToo_AndNoApplicationWithoutAScope()
    {
        Assert.Equal(Sessions[Administrator], Resolve(AnAdministrator, "Bearer " + Administrator).Administrator!.Session);
        Assert.Equal(Sessions[Operator], Resolve(AnAdministrator, "Bearer " + Operator).Administrator!.Session);

        Refused(StatusCode.PermissionDenied, ErrorReason.AdministratorRequired, () => Resolve(AnAdministrator, "Bearer " + Member));
        Refused(StatusCode.PermissionDenied, ErrorReason.ScopeNotGranted, () => Resolve(AnAdministrator, "Bearer " + Partner));
    }

    [Fact]
    public void AdministratorWithAScope_TakesAPartnerWithTheScope_ActingInItsOrganisation()
    {
        var principal = Resolve(AnAdministratorOrWriter, "Bearer " + Partner);
        var (caller, session) = principal.Administrator!;
        Assert.Equal(("a-partner", "Payroll", null, "o-employer"), (caller.ApplicationId, caller.ApplicationName, caller.PersonId, caller.OrganizationId));
        Assert.Equal(("o-employer", true, false), (session.OrganizationId, session.Administrator, session.Operator));

        var refused = Refused(StatusCode.PermissionDenied, ErrorReason.ScopeNotGranted, () => Resolve(AnAdministratorOrWriter, "Bearer " + PartnerReader));
        Assert.Equal("users.write", refused.Metadata["scope"]);
        // An internal app has no organisation to act in.
        Refused(StatusCode.PermissionDenied, ErrorReason.ScopeNotGranted, () => Resolve(AnAdministratorOrWriter, "Bearer " + Internal));
        Refused(StatusCode.PermissionDenied, ErrorReason.AdministratorRequired, () => Resolve(AnAdministratorOrWriter, "Bearer " + Member));
        Assert.NotNull(Resolve(AnAdministratorOrWriter, "Bearer " + Administrator).Administrator);
    }

    [Fact]
    public void ASessionAskedAbout_IsTheCallersOwn_OrOneForwardedByAnAppWithTheScope()
    {
        Assert.Equal(Sessions[Member], Resolve(APersonOrChecker, "Bearer " + Member).Session);
        Refused(StatusCode.PermissionDenied, ErrorReason.ScopeNotGranted, () => Resolve(APersonOrChecker, "Bearer " + Internal));

        var forwarded = Resolve(APersonOrChecker, "Bearer " + Internal, Administrator);
        Assert.Equal(Sessions[Administrator], forwarded.Session);
        Assert.Equal("a-internal", forwarded.Caller.ApplicationId);

        var byPartner = Refused(StatusCode.PermissionDenied, ErrorReason.ScopeNotGranted, () => Resolve(APersonOrChecker, "Bearer " + Partner, Member));
        Assert.Equal("access.check", byPartner.Metadata["scope"]);
        Refused(StatusCode.PermissionDenied, ErrorReason.ScopeNotGranted, () => Resolve(APersonOrChecker, "Bearer " + Operator, Member));
        // The caller's own token is resolved first: an unknown one says so, whatever it forwards.
        Refused(StatusCode.Unauthenticated, ErrorReason.SessionInvalid, () => Resolve(APersonOrChecker, "Bearer nobody", Member));
        Refused(StatusCode.Unauthenticated, ErrorReason.SessionInvalid, () => Resolve(APersonOrChecker, "Bearer " + Internal, "nobody"));
    }

    [Fact]
    public void AForwardedToken_IsIgnored_WhereTheAccessDoesNotDeclareOne()
    {
        Assert.Equal(Sessions[Member], Resolve(APerson, "Bearer " + Member, Administrator).Session);
    }

    private CallPrincipal Resolve(Access access, string? authorization, string? forwarded = null) =>
        _resolver.Resolve(access, Anonymous, authorization, access.SessionTokenField.Length > 0 ? forwarded : null);

    private static ConnectException Refused(StatusCode status, ErrorReason reason, Func<CallPrincipal> call)
    {
        var refused = Assert.Throws<ConnectException>(() => call());
        Assert.Equal((status, reason), (ErrorStatus.CodeOf(refused.Reason), refused.Reason));
        return refused;
    }

    private static Access Declared(string name) => name switch
    {
        nameof(APerson) => APerson,
        nameof(AnOperator) => AnOperator,
        nameof(AnAdministrator) => AnAdministrator,
        nameof(AnAdministratorOrWriter) => AnAdministratorOrWriter,
        nameof(APersonOrChecker) => APersonOrChecker,
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };
}
