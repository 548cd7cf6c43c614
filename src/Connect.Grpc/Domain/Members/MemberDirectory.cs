using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// A member as administrators see it: the membership and its person (null when the person was removed). While the
/// membership waits for the person (<see cref="Membership.Invitee"/>), everything shown is what the administrator
/// typed, for a new person and for one known elsewhere alike, so that no answer tells the two apart.
/// </summary>
internal sealed record MemberView(Membership Membership, Person? Person)
{
    private MemberInvitee? Invitee => Membership.Invitee;

    /// <summary>Empty while the membership waits: a global id would tell an existing person from a new one.</summary>
    public string PersonId => Invitee is null ? Membership.PersonId : "";
    public string Email => Person?.Email ?? "";
    public string GivenName => Invitee?.GivenName ?? Person?.GivenName ?? "";
    public string FamilyName => Invitee?.FamilyName ?? Person?.FamilyName ?? "";
    public string Language => Invitee?.Language ?? Person?.Language ?? Languages.Default;

    /// <summary>The verified number shown: the typed one once its code was read out, while the membership waits.</summary>
    public string? PhoneNumber => Invitee is null ? Person?.PhoneNumber
        : Membership.State == MembershipState.PendingPhone ? null : Invitee.PhoneNumber;

    /// <summary>The membership's last change, or the person's when later and shown.</summary>
    public DateTime UpdatedAt => Invitee is not null || Person is null || Membership.UpdatedAt >= Person.UpdatedAt
        ? Membership.UpdatedAt : Person.UpdatedAt;

    /// <summary>Changes whenever anything shown of the member changes: the membership's version and the person's last change.</summary>
    public string Etag
    {
        get
        {
            var personChange = Invitee is null ? Person?.UpdatedAt.Ticks.ToString(CultureInfo.InvariantCulture) ?? "-" : "-";
            var text = string.Join('\n', Membership.Id, Membership.Version.ToString(CultureInfo.InvariantCulture), personChange,
                GivenName, FamilyName, PhoneNumber);
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        }
    }
}

/// <summary>
/// The reads of user management: the member list (indexed range in name order, filtered by state and search
/// words), one member, the topics an organisation may grant, and its audit log. Administrators of the
/// session's organisation only; another organisation's member is NOT_FOUND like a missing one.
/// </summary>
internal sealed class MemberDirectory(IStore store, TopicCatalogue topics, SessionCache cache)
{
    public const int MaxQueryLength = 100;
    public static readonly IReadOnlySet<MembershipState> DefaultStates =
        new HashSet<MembershipState> { MembershipState.PendingPhone, MembershipState.PendingActivation, MembershipState.Active };

    /// <summary>The member of the session's organisation, or NOT_FOUND; the same answer for a missing id and another organisation's.</summary>
    public static Membership Load(IStoreReader reader, SessionInfo session, string? memberId)
    {
        var id = Validate.Token("member_id", memberId, ErrorReason.MemberNotFound);
        var membership = reader.Get<Membership>(id);
        return membership is not null && membership.OrganizationId == session.OrganizationId
            ? membership
            : throw NotFound();
    }

    private static ConnectException NotFound() => new(ErrorReason.MemberNotFound, "The member does not exist.");

    public MemberView Get(AdministratorPrincipal principal, string? memberId)
    {
        var session = principal.Session;
        var id = Validate.Token("member_id", memberId, ErrorReason.MemberNotFound);
        var membership = cache.Membership(id, () => store.Read(r => r.Get<Membership>(id)));
        if (membership is null || membership.OrganizationId != session.OrganizationId) throw NotFound();
        return new MemberView(membership, cache.Person(membership.PersonId, () => store.Read(r => r.Get<Person>(membership.PersonId))));
    }

    /// <summary>The folded search words of a query, each of which must appear in a member's names or address.</summary>
    public static IReadOnlyList<string> SearchWords(string? query)
    {
        var text = query ?? "";
        if (text.Length > MaxQueryLength) throw ConnectException.Field("query", $"must be at most {MaxQueryLength} characters");
        if (text.Any(char.IsControl)) throw ConnectException.Field("query", "must not contain control characters");
        return SearchText.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    /// <summary>A page of the organisation's members in list order (the store's <see cref="IStoreReader.MemberPage"/>), with their persons.</summary>
    public KeyPage<MemberView> List(AdministratorPrincipal principal, int pageSize, string? afterKey, IReadOnlyList<string> words, IReadOnlySet<MembershipState> states)
    {
        var session = principal.Session;
        var query = new MemberQuery(states, words);
        // The page's ids, memberships and persons from memory while they do not change (SessionCache), the others in one
        // question each: a page read again costs no storage read.
        var page = cache.MemberPage(session.OrganizationId, query, afterKey, pageSize,
            () => store.Read(r => r.MemberPage(session.OrganizationId, query, afterKey, pageSize)));
        var memberships = cache.Memberships(page.Items, ids => store.Read(r => r.GetMany<Membership>(ids)));
        var listed = page.Items.Select(memberships.GetValueOrDefault).OfType<Membership>().ToList();
        var persons = cache.Persons([.. listed.Select(m => m.PersonId).Distinct(StringComparer.Ordinal)], ids => store.Read(r => r.GetMany<Person>(ids)));
        return new KeyPage<MemberView>([.. listed.Select(m => new MemberView(m, persons.GetValueOrDefault(m.PersonId)))], page.NextAfterKey);
    }

    public IReadOnlyList<Topic> GrantableTopics(AdministratorPrincipal principal)
    {
        var session = principal.Session;
        var organization = store.Read(r => r.Get<Organization>(session.OrganizationId));
        return topics.LiveTopics(organization?.TopicIds ?? []);
    }

    /// <summary>The organisation's audit log (or one member's part of it), newest first, with the actors' current names.</summary>
    public KeyPage<(AuditEvent Event, Person? Actor)> AuditEvents(AdministratorPrincipal principal, int pageSize, string? afterKey, string? memberId)
    {
        var session = principal.Session;
        return store.Read(r =>
        {
            // A membership belongs to one organisation, so its events are that organisation's.
            var target = string.IsNullOrEmpty(memberId) ? null : Load(r, session, memberId).Id;
            var events = r.AuditPage(session.OrganizationId, target, afterKey, pageSize);
            return new KeyPage<(AuditEvent, Person?)>(AuditActors.Resolve(r, events.Items), events.NextAfterKey);
        });
    }
}
