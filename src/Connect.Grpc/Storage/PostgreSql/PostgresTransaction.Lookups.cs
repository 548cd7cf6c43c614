using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage.PostgreSql;

/// <summary>The lookups, each one statement over an index of <see cref="PostgresTables"/>.</summary>
internal sealed partial class PostgresTransaction
{
    /// <summary>The most rows a list without its own limit answers, as the LiteDB store's reads do.</summary>
    private const int DefaultLimit = 1000;

    public Person? PersonByEmail(string email) => One<Person>("SELECT doc FROM persons WHERE email = $1", email);

    public Person? PersonByActivationCodeHash(string codeHash) => One<Person>("SELECT doc FROM persons WHERE activation_code_hash = $1 LIMIT 1", codeHash);

    public IReadOnlyList<Person> PersonsByPhoneNumber(string phoneNumber, int limit) =>
        Many<Person>("SELECT doc FROM persons WHERE phone_number = $1 ORDER BY id LIMIT $2", phoneNumber, limit);

    public override IReadOnlyList<Membership> MembershipsOfPerson(string personId) =>
        Many<Membership>("SELECT doc FROM memberships WHERE person_id = $1 ORDER BY id LIMIT $2", personId, DefaultLimit);

    public Membership? MembershipOf(string personId, string organizationId) =>
        One<Membership>("SELECT doc FROM memberships WHERE person_id = $1 AND organization_id = $2", personId, organizationId);

    public int ActiveAdministratorCount(string organizationId) =>
        Count("SELECT count(*) FROM memberships WHERE active_administrator_of = $1", organizationId);

    public Organization? OrganizationByAffiliateNumber(string affiliateNumber) =>
        One<Organization>("SELECT doc FROM organizations WHERE affiliate_number = $1", affiliateNumber);

    public Invitation? InvitationByCodeHash(string codeHash) => One<Invitation>("SELECT doc FROM invitations WHERE code_hash = $1", codeHash);

    public IReadOnlyList<Invitation> InvitationsOfOrganization(string organizationId, string? beforeId, int limit) => beforeId is null
        ? Many<Invitation>("SELECT doc FROM invitations WHERE organization_id = $1 ORDER BY id DESC LIMIT $2", organizationId, limit)
        : Many<Invitation>("SELECT doc FROM invitations WHERE organization_id = $1 AND id < $2 ORDER BY id DESC LIMIT $3", organizationId, beforeId, limit);

    public Registration? RegistrationByTokenHash(string tokenHash) => One<Registration>("SELECT doc FROM registrations WHERE token_hash = $1", tokenHash);

    public Registration? RegistrationByLinkTokenHash(string tokenHash) =>
        One<Registration>("SELECT doc FROM registrations WHERE link_token_hash = $1 LIMIT 1", tokenHash);

    public SignIn? SignInByTokenHash(string tokenHash) => One<SignIn>("SELECT doc FROM sign_ins WHERE token_hash = $1", tokenHash);

    /// <summary>One round trip: the membership joined to the session.</summary>
    public (Session? Session, Membership? Membership) SessionWithMembership(string tokenHash) =>
        Pair<Session, Membership>("SELECT s.doc, m.doc FROM sessions s LEFT JOIN memberships m "
            + "ON m.person_id = s.person_id AND m.organization_id = s.organization_id WHERE s.token_hash = $1", tokenHash);

    public IReadOnlyList<Session> UnexpiredSessionsOfPerson(string personId, DateTime now) =>
        Many<Session>("SELECT doc FROM sessions WHERE person_id = $1 AND expires_at > $2 ORDER BY id LIMIT $3", personId, now, DefaultLimit);

    public IReadOnlyList<Session> OpenSessionsOfOrganization(string organizationId, DateTime now, int limit) =>
        Many<Session>("SELECT doc FROM sessions WHERE organization_id = $1 AND expires_at > $2 AND revoked_at IS NULL ORDER BY id LIMIT $3",
            organizationId, now, limit);

    public IReadOnlyList<Challenge> ChallengesToDestination(string destination, DateTime createdAfter) =>
        Many<Challenge>("SELECT doc FROM challenges WHERE destination = $1 AND created_at > $2 ORDER BY created_at LIMIT $3",
            destination, createdAfter, DefaultLimit);

    public IReadOnlyList<Challenge> ChallengesOfSubject(string subjectId, DateTime createdAfter) =>
        Many<Challenge>("SELECT doc FROM challenges WHERE subject_id = $1 AND created_at > $2 ORDER BY created_at LIMIT $3",
            subjectId, createdAfter, DefaultLimit);

    public Application? ApplicationByClientId(string clientId) => One<Application>("SELECT doc FROM applications WHERE client_id = $1", clientId);

    public IReadOnlyList<Application> ApplicationsOwnedBy(string owner) =>
        Many<Application>("SELECT doc FROM applications WHERE owner = $1 ORDER BY id LIMIT $2", owner, DefaultLimit);

    public int ActiveApplicationCount(string owner) => Count("SELECT count(*) FROM applications WHERE active_owner = $1", owner);

    public IReadOnlyList<Passkey> PasskeysOfPerson(string personId) =>
        Many<Passkey>("SELECT doc FROM passkeys WHERE person_id = $1 ORDER BY id", personId);

    public Passkey? PasskeyByCredentialId(string credentialId) => One<Passkey>("SELECT doc FROM passkeys WHERE credential_key = $1", PasskeyKeys.KeyOf(credentialId));

    public ApplicationToken? ApplicationTokenByHash(string tokenHash) =>
        One<ApplicationToken>("SELECT doc FROM application_tokens WHERE token_hash = $1", tokenHash);

    public IReadOnlyList<ApplicationToken> ExpiredApplicationTokens(string applicationId, DateTime now, int limit) =>
        Many<ApplicationToken>("SELECT doc FROM application_tokens WHERE application_id = $1 AND expires_at < $2 ORDER BY expires_at LIMIT $3",
            applicationId, now, limit);

    public IReadOnlyList<OutboxMessage> DueOutboxMessages(DateTime now, int limit) =>
        Many<OutboxMessage>("SELECT doc FROM outbox WHERE due_at <= $1 ORDER BY due_at LIMIT $2", now, limit);

    public int WaitingOutboxCount(MessageChannel channel) => Count("SELECT count(*) FROM outbox WHERE waiting_channel = $1", (int)channel);
}
