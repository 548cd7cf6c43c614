using System.Text.RegularExpressions;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>A topic's name in each language, as typed.</summary>
internal sealed record TopicNames(string? Fr, string? De, string? It, string? En);

/// <summary>
/// The fund's topic catalogue: list, add, rename, retire. Topics are few, so the whole catalogue is kept in memory,
/// dropped after every topic write of this process and read again at least every <see cref="MaxAge"/>, so that a topic
/// retired through another replica stops being granted here within that time; answers on the request path (sessions, topic lists of members and organisations,
/// grantable topics) read that copy. Checks inside another write (granting, giving to an organisation) read the
/// topic in that write with <see cref="Require"/>, so a topic retired a moment earlier is never granted.
/// A retired topic stays in storage, on memberships and organisations and in the audit log (history), but is no
/// longer granted, given, checked or shown.
/// </summary>
internal sealed partial class TopicCatalogue(IStore store, UnitOfWork work, TimeProvider time)
{
    public const int MinIdLength = 2;
    public const int MaxIdLength = 64;

    /// <summary>How long a copy serves before it is read again (real time: another replica's write is not on this clock).</summary>
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private Copy? _topics;
    private long _generation;

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex IdPattern();

    /// <summary>Every topic, retired ones included, by id.</summary>
    private IReadOnlyDictionary<string, Topic> Current
    {
        get
        {
            var now = Environment.TickCount64;
            // Read without the lock: every call with a session asks, and a copy is replaced whole, never changed.
            if (Volatile.Read(ref _topics) is { } copy && now - copy.LoadedAt < MaxAge.TotalMilliseconds) return copy.Topics;
            var generation = Interlocked.Read(ref _generation);
            var loaded = store.Read(r => Load(r));
            // A topic write that committed while this copy was read has bumped the generation: keep the copy out of the cache.
            lock (_gate)
            {
                if (_generation == generation) Volatile.Write(ref _topics, new Copy(loaded, now));
            }
            return loaded;
        }
    }

    /// <summary>The copy of the catalogue answers are built from now: another object once a topic changes (or a second passed).</summary>
    public object Version => Current;

    /// <summary>The catalogue ordered by id; retired topics only when asked for.</summary>
    public IReadOnlyList<Topic> List(OperatorPrincipal @operator, bool showRetired) =>
        Current.Values.Where(t => showRetired || !t.IsRetired()).OrderBy(t => t.Id, StringComparer.Ordinal).ToList();

    /// <summary>True for a topic of the catalogue that is not retired.</summary>
    public bool IsLive(string topicId) => Current.TryGetValue(topicId, out var topic) && !topic.IsRetired();

    /// <summary>The ids of <paramref name="topicIds"/> that are in the catalogue and not retired, in their order: what answers show and sessions allow.</summary>
    public IReadOnlyList<string> Live(IEnumerable<string> topicIds) => topicIds.Where(IsLive).ToList();

    /// <summary>The live topics among <paramref name="topicIds"/>, ordered by id.</summary>
    public IReadOnlyList<Topic> LiveTopics(IEnumerable<string> topicIds)
    {
        var topics = Current;
        return topicIds.Distinct(StringComparer.Ordinal)
            .Select(id => topics.TryGetValue(id, out var topic) ? topic : null)
            .OfType<Topic>().Where(t => !t.IsRetired())
            .OrderBy(t => t.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Inside a write: the topic may be given or granted (in the catalogue and not retired), else INVALID_ARGUMENT
    /// <c>TOPIC_NOT_FOUND</c> or FAILED_PRECONDITION <c>TOPIC_RETIRED</c>.
    /// </summary>
    public static void Require(IStoreReader reader, string topicId, string field)
    {
        var shown = topicId.Length > MaxIdLength ? topicId[..MaxIdLength] : topicId;
        var topic = topicId.Length is 0 or > MaxIdLength ? null : reader.Get<Topic>(topicId);
        if (topic is null)
            throw ConnectException.Field(field, $"topic '{shown}' is not in the catalogue", ErrorReason.TopicNotFound);
        if (topic.IsRetired())
            throw ConnectException.Field(field, $"topic '{shown}' is retired", ErrorReason.TopicRetired);
    }

    /// <summary>
    /// Inside a write: the topics asked for, plus the retired ones of <paramref name="had"/>. Answers never show a retired
    /// topic, so a caller cannot be asked to send it back; it stays in storage as history.
    /// </summary>
    public static List<string> WithRetiredKept(IStoreReader reader, IEnumerable<string> had, List<string> requested) =>
        [.. requested, .. had.Where(t => !requested.Contains(t, StringComparer.Ordinal) && reader.Get<Topic>(t) is { RetiredAt: not null })];

    /// <summary>Inside a write: the ids of the default catalogue that are still live, for organisations made without a choice (an import).</summary>
    public static List<string> Defaults(IStoreReader reader) =>
        DefaultTopics.Create().Select(t => t.Id).Where(id => reader.Get<Topic>(id) is { RetiredAt: null }).ToList();

    public Topic Create(OperatorPrincipal caller, string? topicId, TopicNames names)
    {
        var id = (topicId ?? "").Trim();
        if (id.Length is < MinIdLength or > MaxIdLength || !IdPattern().IsMatch(id))
            throw ConnectException.Field("topic_id",
                $"must be {MinIdLength} to {MaxIdLength} lower-case letters, digits and single hyphens, starting with a letter and not ending with a hyphen");
        var topic = new Topic { Id = id };
        SetNames(topic, names);
        return Changed(work.Write(change =>
        {
            var w = change.Store;
            if (w.Get<Topic>(id) is { } existing)
                throw new ConnectException(ErrorReason.TopicExists,
                    existing.IsRetired() ? $"The topic {id} exists already (retired)." : $"The topic {id} exists already.");
            w.Insert(topic);
            change.Audit(caller, AuditActions.TopicCreated, null, "topic", id, new()
            {
                ["name_fr"] = topic.NameFr, ["name_de"] = topic.NameDe, ["name_it"] = topic.NameIt, ["name_en"] = topic.NameEn,
            });
            return topic;
        }));
    }

    public Topic Rename(OperatorPrincipal caller, string? topicId, TopicNames names)
    {
        var renamed = new Topic();
        SetNames(renamed, names);
        return Changed(work.Write(change =>
        {
            var w = change.Store;
            var topic = Load(w, topicId);
            var details = new Dictionary<string, string>();
            void Change(string language, string before, string after)
            {
                if (before != after) details["name_" + language] = $"{before} → {after}";
            }
            Change("fr", topic.NameFr, renamed.NameFr);
            Change("de", topic.NameDe, renamed.NameDe);
            Change("it", topic.NameIt, renamed.NameIt);
            Change("en", topic.NameEn, renamed.NameEn);
            if (details.Count == 0) return topic;
            (topic.NameFr, topic.NameDe, topic.NameIt, topic.NameEn) = (renamed.NameFr, renamed.NameDe, renamed.NameIt, renamed.NameEn);
            w.Update(topic);
            change.Audit(caller, AuditActions.TopicRenamed, null, "topic", topic.Id, details);
            return topic;
        }));
    }

    public Topic Retire(OperatorPrincipal caller, string? topicId) => Changed(work.Write(change =>
    {
        var w = change.Store;
        var topic = Load(w, topicId);
        topic.RetiredAt = time.UtcNow();
        w.Update(topic);
        change.Audit(caller, AuditActions.TopicRetired, null, "topic", topic.Id, new() { ["name_en"] = topic.NameEn });
        return topic;
    }));

    /// <summary>A topic that can still be changed: NOT_FOUND-like <c>TOPIC_NOT_FOUND</c> when unknown, <c>TOPIC_RETIRED</c> when retired.</summary>
    private static Topic Load(IStoreReader reader, string? topicId)
    {
        var id = Validate.Token("id", topicId, ErrorReason.TopicNotFound, MaxIdLength);
        var topic = reader.Get<Topic>(id) ?? throw new ConnectException(ErrorReason.TopicNotFound, $"The topic {id} is not in the catalogue.");
        return topic.IsRetired() ? throw new ConnectException(ErrorReason.TopicRetired, $"The topic {id} is retired.") : topic;
    }

    private static void SetNames(Topic topic, TopicNames names)
    {
        topic.NameFr = Validate.Name("display_name.fr", names.Fr);
        topic.NameDe = Validate.Name("display_name.de", names.De);
        topic.NameIt = Validate.Name("display_name.it", names.It);
        topic.NameEn = Validate.Name("display_name.en", names.En);
    }

    /// <summary>Drops the copy after a committed topic write; the next answer reads the catalogue again.</summary>
    private Topic Changed(Topic topic)
    {
        lock (_gate)
        {
            _generation++;
            Volatile.Write(ref _topics, null);
        }
        return topic;
    }

    /// <summary>The catalogue as read at <see cref="LoadedAt"/> (<see cref="Environment.TickCount64"/>).</summary>
    private sealed record Copy(IReadOnlyDictionary<string, Topic> Topics, long LoadedAt);

    private static IReadOnlyDictionary<string, Topic> Load(IStoreReader reader)
    {
        var topics = new Dictionary<string, Topic>(StringComparer.Ordinal);
        for (var page = reader.Scan<Topic>(null, 500); page.Count > 0;
             page = reader.Scan<Topic>(page[^1].Id, 500))
        {
            foreach (var topic in page) topics[topic.Id] = topic;
        }
        return topics;
    }
}
