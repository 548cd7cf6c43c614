using System.Linq.Expressions;
using Connect.Grpc.Domain;

namespace Connect.Grpc.Storage;

/// <summary>
/// One filter's walk over the audit log, newest first, in bounded stretches. It reads the keys of the most selective
/// index the filter allows (the person's events as actor, as target and through their memberships, merged; or the
/// organisation's; or the action family's; or the whole log by time), checks the action on the key itself, and reads
/// only the events it keeps. A stretch stops after a number of keys, so that a filter that matches rarely costs a
/// short page, not a scan of the log; the position reached (time and id, see <see cref="AuditKeys"/>) is where the next
/// stretch starts, whatever index it then takes.
/// </summary>
internal sealed class AuditScan
{
    /// <summary>Keys read per source and step.</summary>
    private const int Batch = 512;

    /// <summary>Keys a candidate index is probed with to compare how many events it holds in the range.</summary>
    private const int ProbeSize = 256;

    private sealed record Source(Expression<Func<AuditEvent, string?>> Key, string Prefix);

    private enum Driver { Person, Organization, Action, Time }

    private readonly KeyListReader _reader;
    private readonly AuditFilter _filter;
    private readonly string _bottom;
    private readonly HashSet<string> _personTargets = new(StringComparer.Ordinal);
    private Driver _driver;

    public AuditScan(KeyListReader reader, AuditFilter filter)
    {
        _reader = reader;
        _filter = filter;
        Top = filter.End is { } end ? AuditKeys.Time(end) : AuditKeys.Top;
        _bottom = filter.Start is { } start ? AuditKeys.Time(start) : AuditKeys.Bottom;
        if (filter.PersonId is { } person)
        {
            // A membership's events are done to its person; memberships are few, and never move to another person.
            _personTargets.Add(person);
            foreach (var membership in reader.MembershipsOfPerson(person)) _personTargets.Add(membership.Id);
        }
    }

    /// <summary>Where a scan starts: above the newest event the filter allows.</summary>
    public string Top { get; }

    /// <summary>
    /// Scans down from <paramref name="from"/> (exclusive) until <paramref name="maxMatches"/> events matched or
    /// <paramref name="maxRead"/> keys were read. With <paramref name="load"/> false, events are read only where a
    /// check needs them, and not returned: for counting.
    /// </summary>
    public AuditStretch Read(string from, int maxMatches, int maxRead, bool load = true)
    {
        var sources = Sources(ChooseDriver(from));
        var events = new List<AuditEvent>();
        var matched = 0;
        var read = 0;
        var cursor = from;
        string? firstMatch = null;
        while (true)
        {
            var batch = Math.Min(Batch, maxRead - read);
            if (batch <= 0) return new(events, matched, cursor, firstMatch);
            var entries = new List<(string Position, string Key, string Prefix)>();
            string? horizon = null;
            foreach (var source in sources)
            {
                var keys = _reader.Keys(source.Key, source.Prefix + cursor, source.Prefix + _bottom, batch, descending: true);
                entries.AddRange(keys.Select(k => (AuditKeys.PositionOf(k, source.Prefix), k, source.Prefix)));
                // Below the last key of a full batch, this source is unknown: the merge is sure only down to the highest such key.
                if (keys.Count == batch && (horizon is null || string.CompareOrdinal(AuditKeys.PositionOf(keys[^1], source.Prefix), horizon) > 0))
                    horizon = AuditKeys.PositionOf(keys[^1], source.Prefix);
            }
            var ordered = entries
                .Where(e => horizon is null || string.CompareOrdinal(e.Position, horizon) >= 0)
                .OrderByDescending(e => e.Position, StringComparer.Ordinal)
                .DistinctBy(e => e.Position)
                .ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                var (position, key, prefix) = ordered[i];
                read++;
                cursor = position;
                if (Keeps(key, prefix, load) is { } kept)
                {
                    matched++;
                    firstMatch ??= position;
                    if (load) events.Add(kept);
                }
                var last = i == ordered.Count - 1 && horizon is null;
                if (matched == maxMatches || read >= maxRead) return new(events, matched, last ? null : cursor, firstMatch);
            }
            if (horizon is null) return new(events, matched, null, firstMatch);
            cursor = horizon;
        }
    }

    /// <summary>The event of a key when the filter keeps it (a placeholder when counting needs no event), else null.</summary>
    private AuditEvent? Keeps(string key, string prefix, bool load)
    {
        if (!ActionMatches(AuditKeys.ActionCodeOf(key, prefix))) return null;
        var needsEvent = load
            || (_filter.OrganizationId is not null && _driver != Driver.Organization)
            || (_filter.PersonId is not null && _driver != Driver.Person);
        if (!needsEvent) return Counted;
        var auditEvent = _reader.Get<AuditEvent>(AuditKeys.IdOf(key, prefix));
        if (auditEvent is null) return null;
        if (_filter.OrganizationId is { } organization && auditEvent.OrganizationId != organization) return null;
        if (_filter.PersonId is { } person && auditEvent.ActorPersonId != person
            && (auditEvent.TargetId is null || !_personTargets.Contains(auditEvent.TargetId))) return null;
        return auditEvent;
    }

    private static readonly AuditEvent Counted = new() { Id = "" };

    /// <summary>True when the action of an event (as its key code) is the one asked for, or of the family asked for.</summary>
    private bool ActionMatches(string actionCode)
    {
        if (_filter.Action is null) return true;
        var wanted = AuditKeys.ActionCode(_filter.Action);
        return _filter.ActionFamily ? actionCode.StartsWith(wanted + "0", StringComparison.Ordinal) : actionCode == wanted;
    }

    /// <summary>
    /// The index with the fewest events below <paramref name="from"/>, probed with a few keys each; the person, then the
    /// organisation, then the action family win ties. Without any of them, the whole log by time.
    /// </summary>
    private Driver ChooseDriver(string from)
    {
        var candidates = new List<Driver>();
        if (_filter.PersonId is not null) candidates.Add(Driver.Person);
        if (_filter.OrganizationId is not null) candidates.Add(Driver.Organization);
        if (_filter.Action is not null) candidates.Add(Driver.Action);
        _driver = candidates.Count switch
        {
            0 => Driver.Time,
            1 => candidates[0],
            _ => candidates.MinBy(driver => Sources(driver)
                .Sum(s => _reader.Keys(s.Key, s.Prefix + from, s.Prefix + _bottom, ProbeSize, descending: true).Count)),
        };
        return _driver;
    }

    private IReadOnlyList<Source> Sources(Driver driver) => driver switch
    {
        Driver.Person =>
        [
            new(e => e.ActorKey, _filter.PersonId!),
            .. _personTargets.Select(target => new Source(e => e.TargetKey, target)),
        ],
        Driver.Organization => [new(e => e.OrganizationKey, _filter.OrganizationId!)],
        Driver.Action => [new(e => e.ActionKey, AuditKeys.FamilyPrefix(_filter.Action!))],
        _ => [new(e => e.TimeKey, "")],
    };
}
