namespace Connect.Grpc.Domain;

public enum MembershipState { PendingPhone = 1, PendingActivation = 2, Active = 3, Deactivated = 4 }

public sealed class Membership : Entity
{
    public string PersonId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public bool Administrator { get; set; }
    public List<string> TopicIds { get; set; } = [];
    public MembershipState State { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>Raised by every change, for the etag.</summary>
    public int Version { get; set; }
    /// <summary>A number waiting for its SMS code: the new member's, or a change an administrator started.</summary>
    public string? PendingPhoneNumber { get; set; }
    /// <summary>
    /// What the administrator typed (names, language, mobile number), shown to the organisation instead of the
    /// person's own data until the person accepts or activates; set for a new person too, so that the organisation
    /// cannot tell whether the address was known. Null once accepted (and for memberships older than this rule).
    /// </summary>
    public MemberInvitee? Invitee { get; set; }
    /// <summary>True when this membership created its person: until they choose a password, the organisation may still correct the names and number it typed.</summary>
    public bool CreatedPerson { get; set; }
    /// <summary>When this membership's last activation or invitation e-mail went out: resends wait 60 seconds after it.</summary>
    public DateTime? NoticeSentAt { get; set; }
    /// <summary>Until when a person with an account may accept the membership; an expired invitation is no longer offered.</summary>
    public DateTime? InvitationExpiresAt { get; set; }

    /// <summary>Whether the person is still this organisation's draft: created by it and without a password.</summary>
    public bool Drafts(Person person) => CreatedPerson && !person.HasPassword();

    // Derived keys, kept by the store on every write (Storage/Keys/MemberKeys), so that lists and counts are indexed range reads.

    /// <summary>
    /// Organisation id, list part, folded family and given name (fixed width), membership id: the member list's
    /// order; then the state and the folded names and e-mail address, so that a list filters on the index alone.
    /// </summary>
    public string ListKey { get; set; } = "";
    /// <summary>The organisation id while this is an active administrator, else null: counts the administrators left.</summary>
    public string? ActiveAdministratorOf { get; set; }
}

/// <summary>A person as the administrator who authorised them typed them, kept on the membership while it waits for the person.</summary>
public sealed class MemberInvitee
{
    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string Language { get; set; } = Languages.Default;
    /// <summary>E.164; the number typed, shown masked once its code was read out, never written on an existing person.</summary>
    public string PhoneNumber { get; set; } = "";
}
