using System.Text.RegularExpressions;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>The fund's register of organisations and its topic catalogue.</summary>
internal sealed partial class Organizations(IStore store, TimeProvider time, Audit audit)
{
    public const string FundOrganizationSetting = "fund-organization-id";
    public const int MaxTopics = 50;
    private string? _fundOrganizationId;

    [GeneratedRegex("^[A-Z0-9./-]{1,32}$")]
    private static partial Regex AffiliateNumberPattern();

    public string FundOrganizationId() => _fundOrganizationId ??=
        store.Read(r => r.Get<SystemSetting>(FundOrganizationSetting))?.Value
        ?? throw new InvalidOperationException("The fund's organisation has not been created yet.");

    public Organization Create(Caller caller, string? displayName, string? affiliateNumber, IEnumerable<string> topicIds, string language)
    {
        var name = Validate.Name("display_name", displayName, Validate.MaxOrganizationNameLength);
        var number = NormalizeAffiliateNumber(affiliateNumber);
        var topics = topicIds.Select(t => t.Trim()).Distinct(StringComparer.Ordinal).ToList();
        if (topics.Count > MaxTopics) throw ConnectException.Field("topic_ids", $"must have at most {MaxTopics} entries");
        return store.Write(w =>
        {
            foreach (var topic in topics)
            {
                if (topic.Length > 64 || w.Get<Topic>(topic) is null)
                    throw ConnectException.Field("topic_ids", $"topic '{(topic.Length > 64 ? topic[..64] : topic)}' is not in the catalogue", ErrorReason.TopicNotFound);
            }
            if (w.FindOne<Organization>(o => o.AffiliateNumber == number) is not null)
                throw new ConnectException(ErrorReason.AffiliateNumberTaken, $"The affiliate number {number} belongs to another organisation.");
            var now = time.UtcNow();
            var organization = new Organization
            {
                DisplayName = name, AffiliateNumber = number, TopicIds = topics, Language = language,
                CreatedAt = now, UpdatedAt = now, Version = 1,
            };
            w.Insert(organization);
            audit.Record(w, caller, "organization.created", organization.Id, "organization", organization.Id, new()
            {
                ["display_name"] = name, ["affiliate_number"] = number, ["topic_ids"] = string.Join(",", topics), ["language"] = language,
            });
            return organization;
        });
    }

    public Organization Get(string? id)
    {
        var key = Validate.Token("id", id, ErrorReason.OrganizationNotFound);
        return store.Read(r => r.Get<Organization>(key))
            ?? throw new ConnectException(ErrorReason.OrganizationNotFound, "The organisation does not exist.");
    }

    public (IReadOnlyList<Organization> Page, string? NextAfterId) List(int pageSize, string? afterId)
    {
        var page = store.Read(r => r.Page<Organization>(null, afterId, pageSize + 1, descending: false));
        return page.Count > pageSize ? (page.Take(pageSize).ToList(), page[pageSize - 1].Id) : (page, null);
    }

    public IReadOnlyList<Topic> Topics() => store.Read(r => r.Page<Topic>(null, null, 1000, descending: false));

    public static string NormalizeAffiliateNumber(string? typed)
    {
        var number = (typed ?? "").Trim().ToUpperInvariant();
        if (number.Length == 0) throw ConnectException.Field("affiliate_number", "must not be empty");
        if (!AffiliateNumberPattern().IsMatch(number))
            throw ConnectException.Field("affiliate_number", "must be 1 to 32 letters, digits, dots, hyphens or slashes");
        return number;
    }
}
