using System.Globalization;
using System.Text;

namespace Connect.Grpc.Domain;

/// <summary>
/// The derived keys of a membership (list order, search text, active-administrator marker) and of an audit
/// event. Keys hold only the characters 0-9 and a-z, so that their order is the same under any collation.
/// </summary>
internal static class MemberKeys
{
    /// <summary>Folded family and given name, cut or padded with '0' to this width, between the organisation and membership ids.</summary>
    private const int NameWidth = 64;
    private const int IdWidth = 32;

    public static void Refresh(Membership membership, Person? person)
    {
        var name = Letters(person?.FamilyName) + "0" + Letters(person?.GivenName);
        name = name.Length >= NameWidth ? name[..NameWidth] : name.PadRight(NameWidth, '0');
        membership.ListKey = membership.OrganizationId + name + membership.Id;
        membership.SearchText = person is null ? "" : Fold($"{person.GivenName} {person.FamilyName} {person.Email}");
        membership.ActiveAdministratorOf = membership.Administrator && membership.State == MembershipState.Active ? membership.OrganizationId : null;
    }

    /// <summary>Refreshes the keys of every membership of a person whose names or address changed.</summary>
    public static void RefreshAll(IStoreWriter transaction, Person person)
    {
        foreach (var membership in transaction.Find<Membership>(m => m.PersonId == person.Id))
        {
            Refresh(membership, person);
            transaction.Update(membership);
        }
    }

    /// <summary>The bounds of one organisation's member list: below every key of it, and above every key of it.</summary>
    public static (string First, string Last) Members(string organizationId) =>
        (organizationId, organizationId + new string('z', NameWidth + IdWidth + 1));

    /// <summary>Bounds of the events under one id prefix (organisation or target), for reading newest first.</summary>
    public static (string Newest, string Oldest) Events(string prefix) => (prefix + "g", prefix);

    public static void Refresh(AuditEvent auditEvent)
    {
        auditEvent.OrganizationKey = auditEvent.OrganizationId is null ? null : auditEvent.OrganizationId + auditEvent.Id;
        auditEvent.TargetKey = auditEvent.TargetId is null ? null : auditEvent.TargetId + auditEvent.Id;
    }

    /// <summary>Lower case without accents, for search: "Müller" and "muller" match.</summary>
    public static string Fold(string? text)
    {
        var decomposed = (text ?? "").Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            builder.Append(c == 'ß' ? "ss" : char.ToLowerInvariant(c).ToString());
        }
        return builder.ToString();
    }

    /// <summary>Keys written before these fields existed get them at start-up (not a request path).</summary>
    public static int Backfill(IStoreWriter transaction)
    {
        var count = 0;
        while (transaction.Find<Membership>(m => m.ListKey == null, 500) is { Count: > 0 } batch)
        {
            foreach (var membership in batch)
            {
                Refresh(membership, transaction.Get<Person>(membership.PersonId));
                transaction.Update(membership);
                count++;
            }
        }
        while (transaction.Find<AuditEvent>(e => e.TargetKey == null, 500) is { Count: > 0 } events)
        {
            foreach (var auditEvent in events)
            {
                Refresh(auditEvent);
                auditEvent.TargetKey ??= auditEvent.Id;
                transaction.Update(auditEvent);
                count++;
            }
        }
        return count;
    }

    private static string Letters(string? name) => new(Fold(name).Where(c => c is >= 'a' and <= 'z').ToArray());
}
