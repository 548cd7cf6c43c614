using Connect.Grpc.Domain;
using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Services;

/// <summary>gRPC adapter of <see cref="SessionFlow"/>.</summary>
internal sealed class SessionGrpcService(SessionFlow flow) : SessionService.SessionServiceBase
{
    public override Task<WhoAmIResponse> WhoAmI(WhoAmIRequest request, ServerCallContext context)
    {
        var session = context.Session();
        var me = flow.WhoAmI(session);
        var response = new WhoAmIResponse
        {
            PersonId = me.Person.Id,
            Email = me.Person.Email,
            GivenName = me.Person.GivenName,
            FamilyName = me.Person.FamilyName,
            Language = me.Person.Language.ToProtoLanguage(),
            OrganizationId = me.Organization.Id,
            OrganizationDisplayName = me.Organization.DisplayName,
            Administrator = session.Administrator,
            Operator = session.Operator,
            SessionId = session.SessionId,
            ExpireTime = session.ExpiresAt.ToTimestamp(),
            PasskeyEnrollmentRequired = session.PasskeyEnrollmentRequired,
        };
        response.TopicIds.AddRange(session.TopicIds);
        return Task.FromResult(response);
    }

    public override Task<CheckAccessResponse> CheckAccess(CheckAccessRequest request, ServerCallContext context)
    {
        var session = context.Session();
        return Task.FromResult(new CheckAccessResponse
        {
            Allowed = SessionFlow.CheckAccess(session, request.TopicId),
            PersonId = session.PersonId,
            OrganizationId = session.OrganizationId,
        });
    }

    public override Task<ListMyOrganizationsResponse> ListMyOrganizations(ListMyOrganizationsRequest request, ServerCallContext context)
    {
        var session = context.Session();
        var response = new ListMyOrganizationsResponse { CurrentOrganizationId = session.OrganizationId };
        response.Organizations.AddRange(flow.Organizations(session).Select(o => o.ToChoice()));
        return Task.FromResult(response);
    }

    public override Task<SwitchOrganizationResponse> SwitchOrganization(SwitchOrganizationRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        return Task.FromResult(new SwitchOrganizationResponse { Session = flow.Switch(caller, session, request.OrganizationId).ToProto() });
    }

    public override Task<SignOutResponse> SignOut(SignOutRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        flow.SignOut(caller, session);
        return Task.FromResult(new SignOutResponse());
    }

    public override Task<SignOutEverywhereResponse> SignOutEverywhere(SignOutEverywhereRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        return Task.FromResult(new SignOutEverywhereResponse { EndedSessions = flow.SignOutEverywhere(caller, session) });
    }

    public override Task<ListSessionsResponse> ListSessions(ListSessionsRequest request, ServerCallContext context)
    {
        var session = context.Session();
        var response = new ListSessionsResponse();
        response.Sessions.AddRange(flow.List(session).Select(s => s.ToSummary(session.SessionId)));
        return Task.FromResult(response);
    }

    public override Task<RevokeSessionResponse> RevokeSession(RevokeSessionRequest request, ServerCallContext context)
    {
        var (caller, session) = (context.Caller(), context.Session());
        flow.Revoke(caller, session, request.SessionId);
        return Task.FromResult(new RevokeSessionResponse());
    }
}
