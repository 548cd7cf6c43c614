using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>An organisation of the register; the fund suspends and reopens it only through the methods below.</summary>
public sealed class Organization : Entity
{
    public string DisplayName { get; set; } = "";
    /// <summary>Upper-cased, unique.</summary>
    public string AffiliateNumber { get; set; } = "";
    public List<string> TopicIds { get; set; } = [];
    public string Language { get; set; } = Languages.Default;
    public bool Fund { get; set; }
    public bool Suspended { get; private set; }
    public DateTime? SuspendedAt { get; private set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public int Version { get; set; }
    /// <summary>Who the fund writes to; a letter needs the postal address.</summary>
    public OrganizationContact Contact { get; set; } = new();
    /// <summary>Whom the fund requires to sign in with a passkey (<see cref="PasskeyPolicies"/>).</summary>
    public PasskeyRequirement PasskeyRequirement { get; set; }
    /// <summary>
    /// Folded name (fixed width), id, state and search text, kept by the store on every write (Storage/Keys/OrganizationKeys): the organisation
    /// list is an index walk in name order that filters on this key alone. Null until written.
    /// </summary>
    public string? ListKey { get; set; }

    /// <summary>Closes the organisation's access; the fund's own organisation is never suspended.</summary>
    public void Suspend(DateTime now)
    {
        if (Fund) throw new ConnectException(ErrorReason.FundOrganizationProtected, "The fund's own organisation cannot be suspended.");
        if (Suspended) throw new ConnectException(ErrorReason.OrganizationStateInvalid, "The organisation is suspended already.");
        Suspended = true;
        SuspendedAt = now;
    }

    /// <summary>Opens a suspended organisation again.</summary>
    public void Reopen()
    {
        if (!Suspended) throw new ConnectException(ErrorReason.OrganizationStateInvalid, "The organisation is not suspended.");
        Suspended = false;
        SuspendedAt = null;
    }
}

/// <summary>An organisation's contact person and postal address; every field optional, trimmed.</summary>
public sealed class OrganizationContact
{
    public string PersonName { get; set; } = "";
    /// <summary>1 to 3 lines: street and number, post-office box.</summary>
    public List<string> AddressLines { get; set; } = [];
    public string PostalCode { get; set; } = "";
    public string Locality { get; set; } = "";
    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string CountryCode { get; set; } = "CH";
    public string Email { get; set; } = "";
    public string PhoneNumber { get; set; } = "";

    /// <summary>True when a letter can be addressed: a street line, a postal code and a locality.</summary>
    public bool HasPostalAddress() => AddressLines.Count > 0 && PostalCode.Length > 0 && Locality.Length > 0;
}
