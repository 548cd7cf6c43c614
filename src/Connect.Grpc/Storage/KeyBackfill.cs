using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// At start-up (never on a request): every derived key is written again when the layout version changed (any engine),
/// and in a LiteDB file, organisations, memberships and audit events written without keys (before they existed, or by a
/// bulk load) get them. Writing an entity back is enough: the store derives its keys on every update (<see cref="DerivedKeys"/>).
/// </summary>
internal static class KeyBackfill
{
    private const int Batch = 500;

    /// <summary>Every key written again when <see cref="MemberKeys.Version"/> differs from the one the store was written with.</summary>
    public static int RewriteOnNewLayout(IStoreWriter transaction)
    {
        var count = 0;
        var setting = transaction.Get<SystemSetting>(MemberKeys.VersionSetting);
        if (setting?.Value != MemberKeys.Version)
        {
            count += RewriteAll<Organization>(transaction);
            // Persons before memberships, whose keys show their names; the events' records stay as written, only their keys change.
            count += RewriteAll<Person>(transaction);
            count += RewriteAll<Membership>(transaction);
            count += RewriteAll<AuditEvent>(transaction);
            if (setting is null) transaction.Insert(new SystemSetting { Id = MemberKeys.VersionSetting, Value = MemberKeys.Version });
            else
            {
                setting.Value = MemberKeys.Version;
                transaction.Update(setting);
            }
        }
        return count;
    }

    /// <summary>A LiteDB file's entities without keys (written before the keys existed, or by a bulk load) get them.</summary>
    public static int FillMissing(LiteDbTransaction transaction)
    {
        var count = 0;
        count += RewriteWhile(transaction, () => transaction.Find<Organization>(Batch, "$.ListKey = null"));
        count += RewriteWhile(transaction, () => transaction.Find<Membership>(Batch, "$.ListKey = null"));
        count += RewriteWhile(transaction, () => transaction.Find<AuditEvent>(Batch, "$.TimeKey = null"));
        return count;
    }

    private static int RewriteAll<T>(IStoreWriter transaction) where T : Entity
    {
        var count = 0;
        for (var batch = transaction.Scan<T>(null, Batch); batch.Count > 0; batch = transaction.Scan<T>(batch[^1].Id, Batch))
        {
            foreach (var entity in batch) transaction.Update(entity);
            count += batch.Count;
        }
        return count;
    }

    private static int RewriteWhile<T>(LiteDbTransaction transaction, Func<IReadOnlyList<T>> withoutKeys) where T : Entity
    {
        var count = 0;
        while (withoutKeys() is { Count: > 0 } batch)
        {
            foreach (var entity in batch) transaction.Update(entity);
            count += batch.Count;
        }
        return count;
    }
}
