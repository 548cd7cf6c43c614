using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>The fund's register of organisations: the fund's own organisation, one organisation, the list.</summary>
internal sealed class Organizations(IStore store)
{
    public const string FundOrganizationSetting = "fund-organization-id";
    public const int MaxTopics = 50;
    /// <summary>Keys read at most per index step while filtering the list.</summary>
    private const int MaxBatch = 2048;
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
    /// all) and matching the query. State and query are checked on the list key, read from the index; only the page's
    /// organisations are read.
    /// </summary>
    public KeyPage<Organization> List(OperatorPrincipal @operator, int pageSize, string? afterKey, OrganizationQuery query, bool? suspended)
    {
        if (afterKey is not null && !OrganizationKeys.IsAfter(afterKey))
            throw ConnectException.Field("page_token", "is not a token of this list", ErrorReason.PageTokenInvalid);
        return store.Read(r =>
        {
            var found = new List<string>(pageSize + 1);
            var start = afterKey ?? OrganizationKeys.First;
            var from = start;
            // While every key read belongs to the page, its organisations are one range read instead of a read each.
            var contiguous = true;
            for (var batchSize = pageSize + 1; found.Count <= pageSize; batchSize = Math.Min(batchSize * 4, MaxBatch))
            {
                var keys = r.Keys<Organization>(o => o.ListKey, from, OrganizationKeys.Last, batchSize, descending: false);
                foreach (var key in keys)
                {
                    if (OrganizationKeys.Matches(key, suspended, query)) found.Add(key);
                    else if (found.Count < pageSize) contiguous = false;
                }
                if (keys.Count < batchSize) break;
                from = OrganizationKeys.After(keys[^1]);
            }
            var count = Math.Min(pageSize, found.Count);
            var page = contiguous
                ? r.KeyRange<Organization>(o => o.ListKey, start, OrganizationKeys.Last, count, descending: false)
                : found.Take(count).Select(k => r.Get<Organization>(OrganizationKeys.OrganizationId(k))).OfType<Organization>().ToList();
            return new KeyPage<Organization>(page, found.Count > pageSize ? OrganizationKeys.After(found[pageSize - 1]) : null);
        });
    }

    /// <summary>Upper-cased and trimmed: 1 to 32 letters, digits, dots, hyphens or slashes.</summary>
    public static string NormalizeAffiliateNumber(string? typed) => OrganizationInput.AffiliateNumber(OrganizationInput.Fields.AffiliateNumber, typed);
}
