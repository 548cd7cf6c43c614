namespace Connect.Grpc.Domain;

/// <summary>
/// The questions the flows ask the store, each answered from an index (no question reads a whole collection, except
/// <see cref="Scan{T}"/>). Lists with a limit answer at most that many.
/// </summary>
public interface IStoreReader
{
    T? Get<T>(string id) where T : Entity;

    /// <summary>The entities of these ids that exist, in no particular order: one question for a page's persons, not one each.</summary>
    IReadOnlyList<T> GetMany<T>(IReadOnlyCollection<string> ids) where T : Entity;

    /// <summary>
    /// Every entity of a type in id (creation) order, after <paramref name="afterId"/>: for start-up, copies, tests and
    /// the topic catalogue (a few dozen, cached); never for a list a request pages through.
    /// </summary>
    IReadOnlyList<T> Scan<T>(string? afterId, int limit) where T : Entity;

    // Persons.

    Person? PersonByEmail(string email);
    Person? PersonByActivationCodeHash(string codeHash);
    IReadOnlyList<Person> PersonsByPhoneNumber(string phoneNumber, int limit);

    /// <summary>The persons whose address starts with <paramref name="prefix"/> (exactly, case included), in address order.</summary>
    IReadOnlyList<Person> PersonsByEmailPrefix(string prefix, int limit);

    /// <summary>
    /// Persons of whom each word (folded by <see cref="SearchText"/>) starts a word of the given or family name, in any
    /// case and with or without accents. At most <paramref name="maxRead"/> persons are looked at; Complete is false when
    /// more might match.
    /// </summary>
    (IReadOnlyList<Person> Persons, bool Complete) PersonsByNameWords(IReadOnlyList<string> words, int maxRead);

    // Passkeys.

    /// <summary>The person's passkeys, oldest first.</summary>
    IReadOnlyList<Passkey> PasskeysOfPerson(string personId);

    Passkey? PasskeyByCredentialId(string credentialId);

    // Memberships.

    IReadOnlyList<Membership> MembershipsOfPerson(string personId);
    Membership? MembershipOf(string personId, string organizationId);

    int ActiveAdministratorCount(string organizationId);

    /// <summary>
    /// A page of an organisation's member list: pending and active members before the deactivated, each part by family
    /// name, given name (folded, letters only) and id; only members in the query's states and whose shown names and
    /// address hold every query word. An <paramref name="after"/> not made by this list throws PAGE_TOKEN_INVALID.
    /// The page holds the memberships' ids, read from the list's index alone: the caller takes the memberships from
    /// memory where it can (<see cref="GetMany{T}"/> for the others).
    /// </summary>
    KeyPage<string> MemberPage(string organizationId, MemberQuery query, string? after, int limit);

    // Organisations.

    Organization? OrganizationByAffiliateNumber(string affiliateNumber);

    /// <summary>
    /// A page of organisations by folded name, then id: those in the state asked for (null: both) that match the query.
    /// An <paramref name="after"/> not made by this list throws PAGE_TOKEN_INVALID.
    /// </summary>
    KeyPage<Organization> OrganizationPage(OrganizationQuery query, bool? suspended, string? after, int limit);

    // Invitations, registrations, sign-ins, sessions, codes.

    Invitation? InvitationByCodeHash(string codeHash);

    /// <summary>An organisation's invitations, newest first, older than <paramref name="beforeId"/>.</summary>
    IReadOnlyList<Invitation> InvitationsOfOrganization(string organizationId, string? beforeId, int limit);

    Registration? RegistrationByTokenHash(string tokenHash);
    Registration? RegistrationByLinkTokenHash(string tokenHash);
    SignIn? SignInByTokenHash(string tokenHash);
    /// <summary>
    /// The session of a token hash and its person's membership in the session's organisation (null when there is none),
    /// in one read: every call with a session asks this first.
    /// </summary>
    (Session? Session, Membership? Membership) SessionWithMembership(string tokenHash);

    /// <summary>The person's sessions that expire after <paramref name="now"/> (ended ones included).</summary>
    IReadOnlyList<Session> UnexpiredSessionsOfPerson(string personId, DateTime now);

    /// <summary>The organisation's sessions neither ended nor expired at <paramref name="now"/>.</summary>
    IReadOnlyList<Session> OpenSessionsOfOrganization(string organizationId, DateTime now, int limit);

    IReadOnlyList<Challenge> ChallengesToDestination(string destination, DateTime createdAfter);
    IReadOnlyList<Challenge> ChallengesOfSubject(string subjectId, DateTime createdAfter);

    // Applications.

    Application? ApplicationByClientId(string clientId);
    IReadOnlyList<Application> ApplicationsOwnedBy(string owner);
    int ActiveApplicationCount(string owner);
    ApplicationToken? ApplicationTokenByHash(string tokenHash);
    IReadOnlyList<ApplicationToken> ExpiredApplicationTokens(string applicationId, DateTime now, int limit);

    // Audit log, newest first.

    /// <summary>
    /// One stretch of the audit log under a filter, newest first, from <paramref name="after"/> down (null: from the
    /// newest event the filter allows). It stops after <paramref name="maxMatches"/> events matched or after about
    /// <paramref name="maxRead"/> candidates were looked at, so a rare filter costs a short page, not the whole log. With
    /// <paramref name="load"/> false, matches are counted, not returned. An <paramref name="after"/> not made by a stretch
    /// throws PAGE_TOKEN_INVALID.
    /// </summary>
    AuditStretch AuditEvents(AuditFilter filter, string? after, int maxMatches, int maxRead, bool load = true);

    /// <summary>An organisation's events (<paramref name="targetId"/> null) or those done to one target, newest first.</summary>
    KeyPage<AuditEvent> AuditPage(string organizationId, string? targetId, string? after, int limit);

    /// <summary>The person's latest sign-ins: sessions issued by a sign-in or a registration, and failed sign-ins.</summary>
    IReadOnlyList<AuditEvent> RecentSignIns(string personId, int limit);

    // Outbox.

    /// <summary>Messages waiting to be delivered whose time has come, earliest first.</summary>
    IReadOnlyList<OutboxMessage> DueOutboxMessages(DateTime now, int limit);

    int WaitingOutboxCount(MessageChannel channel);
}
