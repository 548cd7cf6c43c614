using System.Diagnostics.CodeAnalysis;

namespace Connect.Grpc.Domain;

public enum MembershipState { PendingPhone = 1, PendingActivation = 2, Active = 3, Deactivated = 4 }

/// <summary>
/// A person's access to an organisation. Its state changes only through the methods below, each of which refuses from
/// the wrong state (<c>MEMBER_STATE_INVALID</c>): authorised → <see cref="PhoneVerified"/> → <see cref="Activate"/> or
/// <see cref="Accept"/> → <see cref="Deactivate"/> ⇄ <see cref="Reactivate"/>; a registration with an access code starts
/// active or <see cref="Rejoin"/>s. Saving, versions and derived keys stay with the flows (<see cref="MemberChanges.Save"/>).
/// </summary>
public sealed class Membership : Entity
{
    /// <summary>For the store, which sets every property from the document.</summary>
    public Membership()
    {
    }

    /// <summary>
    /// A new membership: <see cref="MembershipState.PendingPhone"/> for a person an administrator authorises,
    /// <see cref="MembershipState.Active"/> for the administrator who registers with an access code.
    /// </summary>
    public Membership(MembershipState initial)
    {
        if (initial is not (MembershipState.PendingPhone or MembershipState.Active))
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "A membership starts waiting for its SMS code, or active.");
        State = initial;
    }

    public string PersonId { get; set; } = "";
    public string OrganizationId { get; set; } = "";
    public bool Administrator { get; set; }
    public List<string> TopicIds { get; set; } = [];
    public MembershipState State { get; private set; }
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

    /// <summary>Refuses unless the membership waits for the SMS code of its first number.</summary>
    [MemberNotNull(nameof(PendingPhoneNumber))]
    public void EnsureWaitingForPhone()
    {
        if (State != MembershipState.PendingPhone || PendingPhoneNumber is null) throw Refused("The member's number is already verified.");
    }

    /// <summary>The SMS code of the waiting number was right: the number is the one shown, and the person is told next.</summary>
    public void PhoneVerified()
    {
        EnsureWaitingForPhone();
        Invitee?.PhoneNumber = PendingPhoneNumber;
        PendingPhoneNumber = null;
        State = MembershipState.PendingActivation;
    }

    /// <summary>The person chose their first password with the activation e-mail.</summary>
    public void Activate()
    {
        if (State != MembershipState.PendingActivation) throw Refused("Only a member waiting for activation can be activated.");
        State = MembershipState.Active;
    }

    /// <summary>A person with an account accepted the organisation's invitation.</summary>
    public void Accept()
    {
        if (State != MembershipState.PendingActivation) throw Refused("Only a membership waiting for its person can be accepted.");
        State = MembershipState.Active;
    }

    /// <summary>Ends an active member's access; a number waiting for its code is dropped with it.</summary>
    public void Deactivate()
    {
        if (State != MembershipState.Active) throw Refused("Only an active member can be deactivated; cancel a pending one.");
        State = MembershipState.Deactivated;
        PendingPhoneNumber = null;
    }

    /// <summary>
    /// Gives a deactivated member access again: active for a person with a password, else waiting for activation; a
    /// membership whose person was removed cannot come back.
    /// </summary>
    public void Reactivate(Person? person)
    {
        if (State != MembershipState.Deactivated) throw Refused("Only a deactivated member can be reactivated.");
        if (person is null)
            throw new ConnectException(Connect.V1.ErrorReason.PersonRemoved, "The person of this membership was removed; create the member anew.");
        State = person.HasPassword() ? MembershipState.Active : MembershipState.PendingActivation;
    }

    /// <summary>A deactivated member registered again with an access code: active at once.</summary>
    public void Rejoin()
    {
        if (State != MembershipState.Deactivated) throw Refused("Only a deactivated member can rejoin with an access code.");
        State = MembershipState.Active;
    }

    private static ConnectException Refused(string message) => new(Connect.V1.ErrorReason.MemberStateInvalid, message);

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
