using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>The lookups by one indexed field (StoreMapping.EnsureIndexes has an index for each).</summary>
internal sealed partial class LiteDbTransaction
{
    public Person? PersonByEmail(string email) => FindOne<Person>(p => p.Email == email);

    public Person? PersonByActivationCodeHash(string codeHash) => FindOne<Person>(p => p.ActivationCodeHash == codeHash);

    public IReadOnlyList<Person> PersonsByPhoneNumber(string phoneNumber, int limit) => Find<Person>(p => p.PhoneNumber == phoneNumber, limit);

    public override IReadOnlyList<Membership> MembershipsOfPerson(string personId) => Find<Membership>(m => m.PersonId == personId);

    /// <summary>A person's memberships are few: read by the person index, picked by organisation.</summary>
    public Membership? MembershipOf(string personId, string organizationId) =>
        MembershipsOfPerson(personId).FirstOrDefault(m => m.OrganizationId == organizationId);

    public (Membership? Membership, Person? Person) MembershipWithPerson(string membershipId) =>
        Get<Membership>(membershipId) is { } membership ? (membership, Get<Person>(membership.PersonId)) : (null, null);

    // The active-administrator index answers however many members an organisation has (a Find would stop at its row limit).
    public int ActiveAdministratorCount(string organizationId) => Count<Membership>(m => m.ActiveAdministratorOf == organizationId);

    public Organization? OrganizationByAffiliateNumber(string affiliateNumber) => FindOne<Organization>(o => o.AffiliateNumber == affiliateNumber);

    public Invitation? InvitationByCodeHash(string codeHash) => FindOne<Invitation>(i => i.CodeHash == codeHash);

    public IReadOnlyList<Invitation> InvitationsOfOrganization(string organizationId, string? beforeId, int limit) =>
        Page<Invitation>(i => i.OrganizationId == organizationId, beforeId, limit, descending: true);

    public Registration? RegistrationByTokenHash(string tokenHash) => FindOne<Registration>(r => r.TokenHash == tokenHash);

    public Registration? RegistrationByLinkTokenHash(string tokenHash) => FindOne<Registration>(r => r.LinkTokenHash == tokenHash);

    public SignIn? SignInByTokenHash(string tokenHash) => FindOne<SignIn>(s => s.TokenHash == tokenHash);

    public (Session? Session, Membership? Membership) SessionWithMembership(string tokenHash) =>
        FindOne<Session>(s => s.TokenHash == tokenHash) is { } session ? (session, MembershipOf(session.PersonId, session.OrganizationId)) : (null, null);

    public IReadOnlyList<Session> UnexpiredSessionsOfPerson(string personId, DateTime now) =>
        Find<Session>(s => s.PersonId == personId && s.ExpiresAt > now);

    public IReadOnlyList<Session> OpenSessionsOfOrganization(string organizationId, DateTime now, int limit) =>
        Find<Session>(s => s.OrganizationId == organizationId && s.ExpiresAt > now && s.RevokedAt == null, limit);

    public IReadOnlyList<Challenge> ChallengesToDestination(string destination, DateTime createdAfter) =>
        Find<Challenge>(c => c.Destination == destination && c.CreatedAt > createdAfter);

    public IReadOnlyList<Challenge> ChallengesOfSubject(string subjectId, DateTime createdAfter) =>
        Find<Challenge>(c => c.SubjectId == subjectId && c.CreatedAt > createdAfter);

    public Application? ApplicationByClientId(string clientId) => FindOne<Application>(a => a.ClientId == clientId);

    public IReadOnlyList<Application> ApplicationsOwnedBy(string owner) => Find<Application>(a => a.Owner == owner);

    public int ActiveApplicationCount(string owner) => Count<Application>(a => a.ActiveOwner == owner);

    public ApplicationToken? ApplicationTokenByHash(string tokenHash) => FindOne<ApplicationToken>(t => t.TokenHash == tokenHash);

    public IReadOnlyList<ApplicationToken> ExpiredApplicationTokens(string applicationId, DateTime now, int limit) =>
        Find<ApplicationToken>(t => t.ApplicationId == applicationId && t.ExpiresAt < now, limit);

    public IReadOnlyList<OutboxMessage> DueOutboxMessages(DateTime now, int limit)
    {
        // The lower bound keeps delivered messages out: LiteDB sorts null (DueAt of a delivered message) below every
        // date, so "DueAt <= now" alone would match them too. Both bounds are on the DueAt index.
        var earliest = DateTime.MinValue;
        return Find<OutboxMessage>(m => m.DueAt >= earliest && m.DueAt <= now, limit);
    }

    public int WaitingOutboxCount(MessageChannel channel) => Count<OutboxMessage>(m => m.WaitingChannel == channel);
}
