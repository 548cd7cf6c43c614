using Connect.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Domain = Connect.Grpc.Domain;

namespace Connect.Testing;

/// <summary>A person an administrator authorised, as the tests follow them: the membership and the person's e-mail and mobile number.</summary>
public sealed record CreatedMember(string Id, string PersonId, string Email, string Phone, string OrganizationId)
{
    /// <summary>The person in the shape <see cref="SignInDriver"/> signs in with.</summary>
    public RegisteredAdmin AsPerson(string sessionToken = "") => new(Email, Phone, PersonId, OrganizationId, sessionToken);
}

/// <summary>
/// Walks user management through the real API: organisations with chosen topics and their first administrator,
/// members created and verified with the SMS code read from the outbox, activated with the code read from the
/// activation e-mail, and signed in.
/// </summary>
public sealed class MemberDriver(IConnectUnderTest server, GrpcChannel channel)
{
    public SignInDriver SignIn { get; } = new(server, channel);
    public MemberService.MemberServiceClient Members { get; } = new(channel);
    public ActivationService.ActivationServiceClient Activation { get; } = new(channel);
    public Registrar Registrar => SignIn.Registrar;

    /// <summary>A new organisation with the given topics (only <c>contributions</c> when none) and its registered administrator (Anna Muster, French).</summary>
    public async Task<RegisteredAdmin> Admin(string email, string phone, string affiliateNumber, string name = "Muster AG",
        Language language = Language.De, params string[] topicIds)
    {
        var operatorToken = await SignIn.OperatorToken();
        var request = new CreateOrganizationRequest { DisplayName = name, AffiliateNumber = affiliateNumber, Language = language };
        request.TopicIds.AddRange(topicIds.Length == 0 ? ["contributions"] : topicIds);
        var organization = (await Registrar.Organizations.CreateOrganizationAsync(request, RpcAssert.Bearer(operatorToken))).Organization;
        var code = (await Registrar.Letter(operatorToken, organization.Id)).AccessCode;
        var finished = await Registrar.RegisterNew(code, email, phone);
        return new RegisteredAdmin(email, phone, finished.PersonId, organization.Id, finished.SessionToken);
    }

    public static Metadata As(RegisteredAdmin admin) => RpcAssert.Bearer(admin.SessionToken);

    public static CreateMemberRequest Request(string email, string phone, string givenName = "Berta", string familyName = "Beispiel",
        bool administrator = false, IEnumerable<string>? topicIds = null, Language language = Language.Unspecified)
    {
        var request = new CreateMemberRequest
        {
            Email = email, GivenName = givenName, FamilyName = familyName, PhoneNumber = phone, Administrator = administrator, Language = language,
        };
        request.TopicIds.AddRange(topicIds ?? []);
        return request;
    }

    /// <summary>Creates the member and reads the SMS code that went to <paramref name="phone"/>.</summary>
    public async Task<(CreateMemberResponse Response, string Code)> Create(RegisteredAdmin admin, CreateMemberRequest request)
    {
        var before = server.Sms.To(request.PhoneNumber).Count;
        var response = await Members.CreateMemberAsync(request, As(admin));
        var code = TestCodes.SixDigits(await server.Sms.WaitForText(request.PhoneNumber, before + 1));
        return (response, code);
    }

    /// <summary>Creates the member and verifies their number (the code read from the number typed): a new person is then pending activation.</summary>
    public async Task<Member> Verified(RegisteredAdmin admin, CreateMemberRequest request)
    {
        var (created, code) = await Create(admin, request);
        return (await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, As(admin))).Member;
    }

    /// <summary>The activation code of the <paramref name="count"/>-th e-mail to the address (the last one when 0).</summary>
    public async Task<string> ActivationCode(string email, int count)
    {
        var text = await server.Mail.WaitForText(email, count);
        return TestCodes.AccessCode(text) ?? throw new InvalidOperationException("No activation code in the e-mail.");
    }

    /// <summary>A new person created, verified and activated with <paramref name="password"/>: an active member.</summary>
    public async Task<CreatedMember> Active(RegisteredAdmin admin, CreateMemberRequest request, string password = Registrar.Password)
    {
        var mailsBefore = server.Mail.To(request.Email).Count;
        var member = await Verified(admin, request);
        Assert.Equal(MemberState.PendingActivation, member.State);
        var code = await ActivationCode(request.Email, mailsBefore + 1);
        await Activation.ActivateAsync(new() { ActivationCode = code, Password = password });
        // The person's id is shown once they activated (it stays empty while the membership waits for them).
        var active = await Get(admin, member.Id);
        return new CreatedMember(member.Id, active.PersonId, member.Email, request.PhoneNumber, admin.OrganizationId);
    }

    /// <summary>Signs the member in with the password and an SMS code; returns the session token.</summary>
    public async Task<string> SignedIn(CreatedMember member, string password = Registrar.Password)
    {
        var signedIn = await SignIn.WithSms(member.AsPerson(), password, member.OrganizationId);
        return signedIn.Session.SessionToken;
    }

    /// <summary>An active member with their own session, in the shape the RPCs take a bearer from.</summary>
    public async Task<RegisteredAdmin> ActiveAndSignedIn(RegisteredAdmin admin, CreateMemberRequest request)
    {
        var member = await Active(admin, request);
        return member.AsPerson(await SignedIn(member));
    }

    /// <summary>Every member of the list with the given states (the default ones when none), read a page of 200.</summary>
    public async Task<IReadOnlyList<Member>> List(RegisteredAdmin admin, params MemberState[] states)
    {
        var request = new ListMembersRequest { PageSize = 200 };
        request.States.AddRange(states);
        return (await Members.ListMembersAsync(request, As(admin))).Members;
    }

    /// <summary>The person's id, read from the store: answers keep it empty while the membership waits for the person.</summary>
    public string PersonIdOf(string email) =>
        server.Store().Read(r => r.PersonByEmail(email))?.Id ?? throw new InvalidOperationException($"No person {email}.");

    /// <summary>The person accepts a waiting membership with their own session; returns the member as the organisation now sees it.</summary>
    public async Task<Member> Accepted(RegisteredAdmin admin, RegisteredAdmin person, string memberId)
    {
        await SignIn.Account.AcceptMembershipInvitationAsync(new() { MembershipInvitationId = memberId }, As(person));
        return await Get(admin, memberId);
    }

    public async Task<Member> Get(RegisteredAdmin admin, string memberId) =>
        (await Members.GetMemberAsync(new() { MemberId = memberId }, As(admin))).Member;

    /// <summary>The organisation's whole audit log, newest first.</summary>
    public async Task<IReadOnlyList<AuditEvent>> Audit(RegisteredAdmin admin, string memberId = "") =>
        (await Members.ListOrganizationAuditEventsAsync(new() { PageSize = 200, MemberId = memberId }, As(admin))).AuditEvents;
}
