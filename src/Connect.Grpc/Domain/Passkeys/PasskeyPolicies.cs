using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>Whom of an organisation's members the fund requires to sign in with a passkey.</summary>
public enum PasskeyRequirement { None = 0, Administrators = 1, Everyone = 2 }

/// <summary>What an organisation's passkey policy asks of a person signing in.</summary>
internal enum PasskeyDemand
{
    /// <summary>No policy covers the person: every factor counts.</summary>
    None,
    /// <summary>Covered, with a passkey: only the passkey counts.</summary>
    PasskeyOnly,
    /// <summary>Covered, without a passkey, never signed in so: once more with the other factors, into a session that may only add one.</summary>
    EnrolOnce,
    /// <summary>Covered, without a passkey, that one sign-in used: refused until the fund's support resets the second factor.</summary>
    Refuse,
}

/// <summary>
/// The fund's passkey policy per organisation (<see cref="Organization.PasskeyRequirement"/>), applied to a person
/// through their active memberships: one organisation that covers them is enough.
/// </summary>
internal static class PasskeyPolicies
{
    public static bool Covers(IEnumerable<(Membership Membership, Organization Organization)> active) =>
        active.Any(a => a.Organization.PasskeyRequirement == PasskeyRequirement.Everyone
            || a.Organization.PasskeyRequirement == PasskeyRequirement.Administrators && a.Membership.Administrator);

    /// <summary>What the policies ask of <paramref name="person"/>; <paramref name="active"/>, their active memberships, when the caller has read them already.</summary>
    public static PasskeyDemand Demand(IStoreReader reader, Person person,
        IReadOnlyList<(Membership Membership, Organization Organization)>? active = null)
    {
        if (!Covers(active ?? ActiveMemberships.Of(reader, person.Id))) return PasskeyDemand.None;
        if (reader.PasskeysOfPerson(person.Id).Count > 0) return PasskeyDemand.PasskeyOnly;
        return person.PasskeyGraceUsedAt is null ? PasskeyDemand.EnrolOnce : PasskeyDemand.Refuse;
    }

    public static ConnectException Required(string why) => new(ErrorReason.PasskeyRequired, why);
}
