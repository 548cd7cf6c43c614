using LiteDB;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// The lookups by one indexed field (StoreMapping.EnsureIndexes has an index for each). Each is a fixed expression text
/// with its values as parameters, parsed once per thread (<see cref="ParsedExpressions"/>), where a LINQ predicate
/// would be translated and parsed on every call.
/// </summary>
internal sealed partial class LiteDbTransaction
{
    /// <summary>The most rows a list without its own limit answers.</summary>
    private const int DefaultLimit = 1000;

    public Person? PersonByEmail(string email) => FindOne<Person>("$.Email = @0", email);

    public Person? PersonByActivationCodeHash(string codeHash) => FindOne<Person>("$.ActivationCodeHash = @0", codeHash);

    public IReadOnlyList<Person> PersonsByPhoneNumber(string phoneNumber, int limit) => Find<Person>(limit, "$.PhoneNumber = @0", phoneNumber);

    public IReadOnlyList<Passkey> PasskeysOfPerson(string personId) =>
        [.. Find<Passkey>(DefaultLimit, "$.PersonId = @0", personId).OrderBy(p => p.Id, StringComparer.Ordinal)];

    public Passkey? PasskeyByCredentialId(string credentialId) => FindOne<Passkey>("$.CredentialKey = @0", PasskeyKeys.KeyOf(credentialId));

    public override IReadOnlyList<Membership> MembershipsOfPerson(string personId) => Find<Membership>(DefaultLimit, "$.PersonId = @0", personId);

    /// <summary>A person's memberships are few: read by the person index, picked by organisation.</summary>
    public Membership? MembershipOf(string personId, string organizationId) =>
        MembershipsOfPerson(personId).FirstOrDefault(m => m.OrganizationId == organizationId);

    // The active-administrator index answers however many members an organisation has (a Find would stop at its row limit).
    public int ActiveAdministratorCount(string organizationId) => Count<Membership>("$.ActiveAdministratorOf = @0", organizationId);

    public Organization? OrganizationByAffiliateNumber(string affiliateNumber) => FindOne<Organization>("$.AffiliateNumber = @0", affiliateNumber);

    public Invitation? InvitationByCodeHash(string codeHash) => FindOne<Invitation>("$.CodeHash = @0", codeHash);

    public IReadOnlyList<Invitation> InvitationsOfOrganization(string organizationId, string? beforeId, int limit) =>
        Page<Invitation>(ParsedExpressions.Of("$.OrganizationId = @0", organizationId), beforeId, limit, descending: true);

    public Registration? RegistrationByTokenHash(string tokenHash) => FindOne<Registration>("$.TokenHash = @0", tokenHash);

    public Registration? RegistrationByLinkTokenHash(string tokenHash) => FindOne<Registration>("$.LinkTokenHash = @0", tokenHash);

    public SignIn? SignInByTokenHash(string tokenHash) => FindOne<SignIn>("$.TokenHash = @0", tokenHash);

    public (Session? Session, Membership? Membership) SessionWithMembership(string tokenHash) =>
        FindOne<Session>("$.TokenHash = @0", tokenHash) is { } session ? (session, MembershipOf(session.PersonId, session.OrganizationId)) : (null, null);

    public IReadOnlyList<Session> UnexpiredSessionsOfPerson(string personId, DateTime now) =>
        Find<Session>(DefaultLimit, "$.PersonId = @0 AND $.ExpiresAt > @1", personId, now);

    public IReadOnlyList<Session> OpenSessionsOfOrganization(string organizationId, DateTime now, int limit) =>
        Find<Session>(limit, "$.OrganizationId = @0 AND $.ExpiresAt > @1 AND $.RevokedAt = null", organizationId, now);

    public IReadOnlyList<Challenge> ChallengesToDestination(string destination, DateTime createdAfter) =>
        Find<Challenge>(DefaultLimit, "$.Destination = @0 AND $.CreatedAt > @1", destination, createdAfter);

    public IReadOnlyList<Challenge> ChallengesOfSubject(string subjectId, DateTime createdAfter) =>
        Find<Challenge>(DefaultLimit, "$.SubjectId = @0 AND $.CreatedAt > @1", subjectId, createdAfter);

    public Application? ApplicationByClientId(string clientId) => FindOne<Application>("$.ClientId = @0", clientId);

    public IReadOnlyList<Application> ApplicationsOwnedBy(string owner) => Find<Application>(DefaultLimit, "$.Owner = @0", owner);

    public int ActiveApplicationCount(string owner) => Count<Application>("$.ActiveOwner = @0", owner);

    public ApplicationToken? ApplicationTokenByHash(string tokenHash) => FindOne<ApplicationToken>("$.TokenHash = @0", tokenHash);

    public IReadOnlyList<ApplicationToken> ExpiredApplicationTokens(string applicationId, DateTime now, int limit) =>
        Find<ApplicationToken>(limit, "$.ApplicationId = @0 AND $.ExpiresAt < @1", applicationId, now);

    public IReadOnlyList<OutboxMessage> DueOutboxMessages(DateTime now, int limit)
    {
        // The lower bound keeps delivered messages out: LiteDB sorts null (DueAt of a delivered message) below every
        // date, so "DueAt <= now" alone would match them too. Both bounds are on the DueAt index.
        var earliest = DateTime.MinValue;
        return Find<OutboxMessage>(limit, "$.DueAt >= @0 AND $.DueAt <= @1", earliest, now);
    }

    public int WaitingOutboxCount(MessageChannel channel) => Count<OutboxMessage>("$.WaitingChannel = @0", channel.ToString());
}
