using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>The fund's register of organisations: the fund's own organisation, one organisation, the list.</summary>
internal sealed class Organizations(IStore store)
{
    public const string FundOrganizationSetting = "fund-organization-id";
    public const int MaxTopics = 50;
    private string? _fundOrganizationId;

    public string FundOrganizationId() => _fundOrganizationId ??=
        store.Read(r => r.Get<SystemSetting>(FundOrganizationSetting))?.Value
        ?? throw new InvalidOperationException("The fund's organisation has not been created yet.");

    public Organization Get(string? id) => store.Read(r => Load(r, id));

    /// <summary>The organisation of an id, or NOT_FOUND <c>ORGANIZATION_NOT_FOUND</c>.</summary>
    public static Organization Load(IStoreReader reader, string? id)
    {
        var key = Validate.Token("id", id, ErrorReason.OrganizationNotFound);
        return reader.Get<Organization>(key)
            ?? throw new ConnectException(ErrorReason.OrganizationNotFound, "The organisation does not exist.");
    }

    /// <summary>
    /// A page of organisations in name order (then id), in the states asked for (<paramref name="suspended"/> null for
    /// all) and matching the query (the store's <see cref="IStoreReader.OrganizationPage"/>).
    /// </summary>
    public KeyPage<Organization> List(OperatorPrincipal @operator, int pageSize, string? afterKey, OrganizationQuery query, bool? suspended) =>
        store.Read(r => r.OrganizationPage(query, suspended, afterKey, pageSize));

    /// <summary>Upper-cased and trimmed: 1 to 32 letters, digits, dots, hyphens or slashes.</summary>
    public static string NormalizeAffiliateNumber(string? typed) => OrganizationInput.AffiliateNumber(OrganizationInput.Fields.AffiliateNumber, typed);
}
