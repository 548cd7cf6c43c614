using System.Globalization;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>The fields of an organisation an operator can change with <see cref="OrganizationChanges.Update"/>.</summary>
/// <remarks><see cref="All"/> is what an empty update mask means: the passkey policy changes only when named.</remarks>
[Flags]
internal enum OrganizationFields { None = 0, DisplayName = 1, Contact = 2, Language = 4, TopicIds = 8, All = 15, PasskeyPolicy = 16 }

/// <summary>A new organisation's checked fields (topics still to be checked against the catalogue in the write).</summary>
internal sealed record OrganizationDraft(string DisplayName, string AffiliateNumber, OrganizationContact Contact, string Language, List<string> TopicIds);

/// <summary>
/// The operator's changes to the register: create, update (etag and update mask), suspend and reopen. Every change is
/// audited in its write; nothing is ever deleted.
/// </summary>
internal sealed class OrganizationChanges(UnitOfWork work, TimeProvider time, Sessions sessions, Organizations organizations)
{
    public Organization Create(OperatorPrincipal caller, string? displayName, string? affiliateNumber, IEnumerable<string> topicIds, string language,
        ContactInput? contact)
    {
        var problems = new List<InputProblem>();
        var draft = Draft(displayName, affiliateNumber, contact ?? ContactInput.Empty, language, field => field is OrganizationInput.Fields.DisplayName
            or OrganizationInput.Fields.AffiliateNumber ? field : "contact." + field, problems);
        var topics = MemberChanges.ReadTopicIds(topicIds);
        OrganizationInput.ThrowIfAny(problems);
        return work.Write(change =>
        {
            var w = change.Store;
            foreach (var topic in topics) TopicCatalogue.Require(w, topic, "topic_ids");
            if (TakenBy(w, draft!.AffiliateNumber) is { } other)
                throw new ConnectException(ErrorReason.AffiliateNumberTaken, $"The affiliate number {draft.AffiliateNumber} belongs to {other.DisplayName}.");
            return Insert(change, caller, draft with { TopicIds = topics }, source: null);
        });
    }

    /// <summary>
    /// The checks of a new organisation, shared by <see cref="Create"/> and the import: null when a field is wrong, every
    /// problem in <paramref name="problems"/> under the name <paramref name="name"/> gives it.
    /// </summary>
    public static OrganizationDraft? Draft(string? displayName, string? affiliateNumber, ContactInput contact, string language,
        Func<string, string> name, List<InputProblem> problems)
    {
        var before = problems.Count;
        var checkedName = OrganizationInput.Check(problems, () => OrganizationInput.DisplayName(name(OrganizationInput.Fields.DisplayName), displayName));
        var number = OrganizationInput.Check(problems, () => OrganizationInput.AffiliateNumber(name(OrganizationInput.Fields.AffiliateNumber), affiliateNumber));
        var checkedContact = OrganizationInput.Contact(contact, name, problems);
        return problems.Count > before ? null : new OrganizationDraft(checkedName!, number!, checkedContact, Languages.OrDefault(language), []);
    }

    /// <summary>The organisation that holds the affiliate number, if any.</summary>
    public static Organization? TakenBy(IStoreReader reader, string affiliateNumber) =>
        reader.OrganizationByAffiliateNumber(affiliateNumber);

    /// <summary>Writes a checked new organisation and its audit event; <paramref name="source"/> says where it came from (an import).</summary>
    public Organization Insert(Change change, Caller caller, OrganizationDraft draft, string? source)
    {
        var now = time.UtcNow();
        var organization = new Organization
        {
            DisplayName = draft.DisplayName, AffiliateNumber = draft.AffiliateNumber, TopicIds = draft.TopicIds, Language = draft.Language,
            Contact = draft.Contact, CreatedAt = now, UpdatedAt = now, Version = 1,
        };
        change.Store.Insert(organization);
        var details = new Dictionary<string, string>
        {
            ["display_name"] = draft.DisplayName, ["affiliate_number"] = draft.AffiliateNumber, ["topic_ids"] = string.Join(",", draft.TopicIds),
            ["language"] = draft.Language,
        };
        foreach (var (field, value) in ContactFields(draft.Contact).Where(f => f.Value.Length > 0)) details["contact." + field] = value;
        if (source is not null) details["source"] = source;
        change.Audit(caller, AuditActions.OrganizationCreated, organization.Id, "organization", organization.Id, details);
        return organization;
    }

    public Organization Update(OperatorPrincipal caller, string? id, string? etag, OrganizationFields fields, string? displayName, ContactInput? contact,
        string language, IEnumerable<string> topicIds, PasskeyRequirement? passkeyRequirement = null)
    {
        if (fields.HasFlag(OrganizationFields.PasskeyPolicy) && passkeyRequirement is null)
            throw ConnectException.Field("organization.passkey_policy", "must be NONE, ADMINISTRATORS or EVERYONE when named in the update mask");
        if (string.IsNullOrEmpty(etag)) throw ConnectException.Field("organization.etag", "must be the etag of the organisation as read");
        var problems = new List<InputProblem>();
        var name = fields.HasFlag(OrganizationFields.DisplayName)
            ? OrganizationInput.Check(problems, () => OrganizationInput.DisplayName("organization.display_name", displayName))
            : null;
        var newContact = fields.HasFlag(OrganizationFields.Contact)
            ? OrganizationInput.Contact(contact ?? ContactInput.Empty, field => "organization.contact." + field, problems)
            : null;
        var topics = fields.HasFlag(OrganizationFields.TopicIds) ? MemberChanges.ReadTopicIds(topicIds, "organization.topic_ids") : null;
        OrganizationInput.ThrowIfAny(problems);
        return work.Write(change =>
        {
            var w = change.Store;
            var organization = Organizations.Load(w, id);
            if (Etag(organization) != etag) throw new ConnectException(ErrorReason.EtagMismatch, "The organisation changed since it was read; read it again.");
            var details = new Dictionary<string, string>();
            if (name is not null && name != organization.DisplayName)
            {
                details["display_name"] = $"{organization.DisplayName} → {name}";
                organization.DisplayName = name;
            }
            if (newContact is not null)
            {
                var after = ContactFields(newContact).ToDictionary();
                foreach (var (field, value) in ContactFields(organization.Contact).Where(f => after[f.Key] != f.Value))
                    details["contact." + field] = $"{value} → {after[field]}";
                organization.Contact = newContact;
            }
            if (fields.HasFlag(OrganizationFields.Language) && Languages.OrDefault(language) != organization.Language)
            {
                details["language"] = $"{organization.Language} → {Languages.OrDefault(language)}";
                organization.Language = Languages.OrDefault(language);
            }
            if (topics is not null) ChangeTopics(w, organization, topics, details);
            if (fields.HasFlag(OrganizationFields.PasskeyPolicy) && passkeyRequirement != organization.PasskeyRequirement)
            {
                details["passkey_policy"] = $"{PolicyName(organization.PasskeyRequirement)} → {PolicyName(passkeyRequirement!.Value)}";
                organization.PasskeyRequirement = passkeyRequirement.Value;
            }
            if (details.Count == 0) return organization;
            Save(w, organization);
            change.Audit(caller, AuditActions.OrganizationUpdated, organization.Id, "organization", organization.Id, details);
            return organization;
        });
    }

    public Organization Suspend(OperatorPrincipal caller, string? id, string? reason)
    {
        var why = Validate.Name("reason", reason, Validate.MaxReasonLength);
        return work.Write(change =>
        {
            var w = change.Store;
            var organization = Organizations.Load(w, id);
            // The fund's organisation as the settings name it; Suspend itself refuses one flagged as the fund's.
            if (organization.Id == organizations.FundOrganizationId())
                throw new ConnectException(ErrorReason.FundOrganizationProtected, "The fund's own organisation cannot be suspended.");
            organization.Suspend(time.UtcNow());
            Save(w, organization);
            var ended = sessions.RevokeAllOfOrganization(w, organization.Id);
            change.Audit(caller, AuditActions.OrganizationSuspended, organization.Id, "organization", organization.Id, new()
            {
                ["reason"] = why, ["ended_sessions"] = ended.ToString(CultureInfo.InvariantCulture),
            });
            return organization;
        });
    }

    public Organization Reopen(OperatorPrincipal caller, string? id, string? reason)
    {
        var why = Validate.Name("reason", reason, Validate.MaxReasonLength);
        return work.Write(change =>
        {
            var w = change.Store;
            var organization = Organizations.Load(w, id);
            organization.Reopen();
            Save(w, organization);
            change.Audit(caller, AuditActions.OrganizationReopened, organization.Id, "organization", organization.Id, new() { ["reason"] = why });
            return organization;
        });
    }

    private static string PolicyName(PasskeyRequirement requirement) => requirement switch
    {
        PasskeyRequirement.Administrators => "administrators",
        PasskeyRequirement.Everyone => "everyone",
        _ => "none",
    };

    /// <summary>The etag of an organisation as answers carry it.</summary>
    public static string Etag(Organization organization) => $"W/\"{organization.Version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// New topics must be live in the catalogue. Retired topics the organisation had stay in storage (history): answers
    /// do not show them, so a caller cannot be asked to send them back.
    /// </summary>
    private static void ChangeTopics(IStoreReader reader, Organization organization, List<string> topics, Dictionary<string, string> details)
    {
        var had = organization.TopicIds.ToHashSet(StringComparer.Ordinal);
        foreach (var topic in topics.Where(t => !had.Contains(t))) TopicCatalogue.Require(reader, topic, "organization.topic_ids");
        var after = TopicCatalogue.WithRetiredKept(reader, organization.TopicIds, topics);
        if (after.ToHashSet(StringComparer.Ordinal).SetEquals(had)) return;
        details["topic_ids"] = $"{string.Join(",", organization.TopicIds)} → {string.Join(",", after)}";
        organization.TopicIds = after;
    }

    /// <summary>The one way a changed organisation is written: new version, fresh list key.</summary>
    private void Save(IStoreWriter transaction, Organization organization)
    {
        organization.Version++;
        organization.UpdatedAt = time.UtcNow();
        transaction.Update(organization);
    }

    private static IEnumerable<KeyValuePair<string, string>> ContactFields(OrganizationContact contact) =>
    [
        new(OrganizationInput.Fields.PersonName, contact.PersonName),
        new(OrganizationInput.Fields.AddressLines, string.Join(" / ", contact.AddressLines)),
        new(OrganizationInput.Fields.PostalCode, contact.PostalCode),
        new(OrganizationInput.Fields.Locality, contact.Locality),
        new(OrganizationInput.Fields.CountryCode, contact.CountryCode),
        new(OrganizationInput.Fields.Email, contact.Email),
        new(OrganizationInput.Fields.PhoneNumber, contact.PhoneNumber),
    ];
}
