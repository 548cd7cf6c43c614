using Connect.Grpc.Domain;
using Connect.Grpc.Storage.PostgreSql;

namespace Connect.Grpc.Storage;

/// <summary>The rows of one target table a copy wrote, checked against both sides afterwards.</summary>
internal sealed record CopiedTable(string Name, long Count);

/// <summary>A copy refused or found incomplete; its message is one line, safe to print (it names no secret).</summary>
internal sealed class StoreCopyException(string message) : Exception(message);

/// <summary>
/// Copies a LiteDB store into an empty PostgreSQL database through the store port (docs/decisions/0034-copy-store.md):
/// every entity as it is stored (ids, hashes, sealed secrets unchanged), a batch per target transaction, never a whole
/// collection in memory. The target derives its key columns and name words on insert, so nothing of LiteDB's layout is
/// carried over. Afterwards every table is counted on both sides; any difference fails the copy.
/// </summary>
internal sealed class StoreCopy
{
    private const int Batch = 500;

    private readonly LiteDbStore _source;
    private readonly PostgresStore _target;
    private long _nameWords;

    private StoreCopy(LiteDbStore source, PostgresStore target)
    {
        _source = source;
        _target = target;
    }

    /// <summary>One entity type: its target table, how it is copied, and how the source counts it.</summary>
    internal sealed record Step(Type Type, string Table, Func<StoreCopy, long> Copy, Func<LiteDbStore, long> CountSource);

    /// <summary>
    /// Organisations first, persons before memberships: the target derives a membership's list key from its person's
    /// names, read inside the same write. Every entity type of the store once (a test holds this list to the tables).
    /// </summary>
    internal static IReadOnlyList<Step> Steps { get; } =
    [
        StepOf<Organization>(), StepOf<Topic>(), StepOf<Person>(), StepOf<Membership>(), StepOf<Invitation>(),
        StepOf<Domain.Registration>(), StepOf<Challenge>(), StepOf<Session>(), StepOf<Domain.SignIn>(), StepOf<SignInLock>(),
        StepOf<AuditEvent>(), StepOf<OutboxMessage>(), StepOf<SystemSetting>(), StepOf<Application>(), StepOf<ApplicationToken>(),
        StepOf<Passkey>(),
    ];

    /// <summary>
    /// Refuses a target that holds any row, copies, then compares the counts. <paramref name="copied"/> hears of each
    /// table as it is done, for progress on a large fund; the name words of the persons come last.
    /// </summary>
    public static IReadOnlyList<CopiedTable> Run(LiteDbStore source, string targetConnectionString, Action<CopiedTable>? copied = null)
    {
        if (PostgresRowCounts.FirstNonEmptyTable(targetConnectionString) is { } table)
            throw new StoreCopyException($"the target database is not empty (its table {table} holds rows): copy into a new, empty database.");
        using var target = new PostgresStore(targetConnectionString);
        var copy = new StoreCopy(source, target);
        var report = new List<CopiedTable>();
        var differences = new List<string>();
        foreach (var step in Steps)
        {
            var done = new CopiedTable(step.Table, step.Copy(copy));
            report.Add(done);
            copied?.Invoke(done);
            Compare(done, step.CountSource(source), targetConnectionString, differences);
        }
        var words = new CopiedTable(PostgresTables.NameWords, copy._nameWords);
        report.Add(words);
        copied?.Invoke(words);
        Compare(words, words.Count, targetConnectionString, differences);
        if (differences.Count > 0) throw new StoreCopyException("counts differ after the copy: " + string.Join("; ", differences) + ".");
        return report;
    }

    private static Step StepOf<T>() where T : Entity =>
        new(typeof(T), PostgresTables.Of<T>().Name, copy => copy.Copy<T>(), source => source.Count<T>());

    private long Copy<T>() where T : Entity
    {
        long copied = 0;
        for (var batch = _source.Read(r => r.Scan<T>(null, Batch)); batch.Count > 0; batch = _source.Read(r => r.Scan<T>(batch[^1].Id, Batch)))
        {
            _target.Write(w =>
            {
                foreach (var entity in batch) Put(w, entity);
                return 0;
            });
            copied += batch.Count;
            // Counted once the write returned (the target may run a write again on a conflict); the target keeps each word once per person.
            foreach (var person in batch.OfType<Person>()) _nameWords += person.NameWords.Distinct(StringComparer.Ordinal).Count();
        }
        return copied;
    }

    /// <summary>The target store writes its key layout's version when it opens; the source's (the same) replaces it.</summary>
    private static void Put<T>(IStoreWriter target, T entity) where T : Entity
    {
        if (entity is SystemSetting { Id: MemberKeys.VersionSetting } && target.Get<SystemSetting>(entity.Id) is not null) target.Update(entity);
        else target.Insert(entity);
    }

    /// <summary>
    /// The source's count (read again, not the copy's tally), the rows written and the target's rows must agree. Nothing
    /// else writes either side meanwhile: the source file is open exclusively, and the target was empty and unknown to replicas.
    /// </summary>
    private static void Compare(CopiedTable copied, long inSource, string targetConnectionString, List<string> differences)
    {
        var inTarget = PostgresRowCounts.Count(targetConnectionString, copied.Name);
        if (inSource != copied.Count || inTarget != inSource)
            differences.Add($"{copied.Name}: {inSource} in the source, {copied.Count} copied, {inTarget} in the target");
    }
}
