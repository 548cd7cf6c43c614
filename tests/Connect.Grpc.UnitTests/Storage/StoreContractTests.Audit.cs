using Connect.Grpc.Domain;

namespace Connect.Grpc.UnitTests.Storage;

/// <summary>The audit log's reads: newest first, every filter, bounded stretches, cursors.</summary>
public abstract partial class StoreContractTests
{
    private AuditEvent Event(string action, DateTime time, string? organizationId = null, string? actor = null, string? targetId = null,
        Dictionary<string, string>? details = null) =>
        Insert(new AuditEvent
        {
            Action = action, Time = time, OrganizationId = organizationId, ActorPersonId = actor, TargetType = "membership",
            TargetId = targetId ?? Ids.New(), Details = details ?? [],
        });

    /// <summary>Every event a filter gives, a stretch at a time, with cursors from one stretch to the next.</summary>
    private List<string> Events(AuditFilter filter, int maxMatches = 100, int maxRead = 1000)
    {
        var ids = new List<string>();
        string? after = null;
        do
        {
            var stretch = Read(r => r.AuditEvents(filter, after, maxMatches, maxRead));
            Assert.Equal(stretch.Matched, stretch.Events.Count);
            Assert.True(stretch.Events.Count <= maxMatches);
            ids.AddRange(stretch.Events.Select(e => e.Id));
            after = stretch.Next;
        } while (after is not null);
        return ids;
    }

    private sealed record AuditLog(string Alpha, string Beta, string Anna, string AnnasMembership, List<AuditEvent> NewestFirst);

    private AuditLog Log()
    {
        var alpha = Ids.New();
        var beta = Ids.New();
        var anna = Person("anna@example.ch");
        var membership = Member(Organization("Alpha", "1.1"), anna);
        var events = new List<AuditEvent>
        {
            Event("membership.created", Now.AddMinutes(1), alpha, targetId: membership.Id),
            Event("membership.deactivated", Now.AddMinutes(2), alpha, actor: anna.Id),
            Event("organization.created", Now.AddMinutes(3), beta),
            Event("membership.created", Now.AddMinutes(4), beta),
            // Two events of one tick keep the order of their ids.
            Event("person.profile_changed", Now.AddMinutes(5), null, actor: anna.Id, targetId: anna.Id),
            Event("membership.reactivated", Now.AddMinutes(5), alpha, targetId: membership.Id),
        };
        // Written out of time order: the log is read by time, then id.
        var late = Event("topic.created", Now.AddMinutes(-10));
        events.Insert(0, late);
        events.Reverse();
        return new AuditLog(alpha, beta, anna.Id, membership.Id, events);
    }

    private static IEnumerable<string> IdsOf(IEnumerable<AuditEvent> events) => events.Select(e => e.Id);

    [Theory]
    [InlineData(100, 1000)]
    [InlineData(1, 1000)]
    [InlineData(2, 1000)]
    [InlineData(100, 1)]
    [InlineData(100, 2)]
    public void AuditEvents_AreNewestFirst_UnderEveryFilter_InStretchesOfAnySize(int maxMatches, int maxRead)
    {
        var log = Log();
        List<string> Filtered(string? organization = null, string? person = null, string? action = null, DateTime? start = null, DateTime? end = null) =>
            Events(AuditFilter.Create(organization, person, action, start, end), maxMatches, maxRead);
        IEnumerable<string> Expected(Func<AuditEvent, bool> keep) => IdsOf(log.NewestFirst.Where(keep));

        Assert.Equal(IdsOf(log.NewestFirst), Filtered());
        Assert.Equal(Expected(e => e.OrganizationId == log.Alpha), Filtered(organization: log.Alpha));
        // A person's events: what they did, and what was done to them or to one of their memberships.
        Assert.Equal(Expected(e => e.ActorPersonId == log.Anna || e.TargetId == log.Anna || e.TargetId == log.AnnasMembership), Filtered(person: log.Anna));
        Assert.Equal(Expected(e => e.Action == "membership.created"), Filtered(action: "membership.created"));
        Assert.Equal(Expected(e => e.Action.StartsWith("membership.", StringComparison.Ordinal)), Filtered(action: "membership.*"));
        Assert.Equal(Expected(e => e.Action == "membership.created" && e.OrganizationId == log.Beta), Filtered(log.Beta, action: "membership.created"));
        Assert.Equal(Expected(e => e.OrganizationId == log.Alpha && (e.ActorPersonId == log.Anna || e.TargetId == log.AnnasMembership)),
            Filtered(log.Alpha, log.Anna));
        // The time range is half-open: the start included, the end not.
        Assert.Equal(Expected(e => e.Time >= Now.AddMinutes(2) && e.Time < Now.AddMinutes(5)), Filtered(start: Now.AddMinutes(2), end: Now.AddMinutes(5)));
        Assert.Equal(Expected(e => e.Time >= Now.AddMinutes(2) && e.Time < Now.AddMinutes(5) && e.OrganizationId == log.Alpha),
            Filtered(log.Alpha, start: Now.AddMinutes(2), end: Now.AddMinutes(5)));
        Assert.Empty(Filtered(action: "session.created"));
    }

    [Fact]
    public void AuditEvents_CountWithoutLoading_AndGiveACursorThatStartsWithTheFirstMatch()
    {
        var log = Log();
        var filter = AuditFilter.Create(log.Alpha, null, null, null, null);

        var counted = Read(r => r.AuditEvents(filter, null, int.MaxValue, 1000, load: false));
        Assert.Equal((3, 0, (string?)null), (counted.Matched, counted.Events.Count, counted.Next));
        Event("membership.created", Now.AddMinutes(9), log.Alpha);

        var fromFirst = Read(r => r.AuditEvents(filter, counted.FirstMatch, 100, 1000));
        Assert.Equal(IdsOf(log.NewestFirst.Where(e => e.OrganizationId == log.Alpha)), IdsOf(fromFirst.Events));
        Assert.Null(Read(r => r.AuditEvents(AuditFilter.Create(null, null, "session.created", null, null), null, 10, 1000, load: false)).FirstMatch);
    }

    [Fact]
    public void AuditEvents_RefuseACursorTheyDidNotMake() =>
        Assert.StartsWith("page_token:", Refusal(() => Read(r => r.AuditEvents(AuditFilter.Create(null, null, null, null, null), "garbage", 10, 10))));

    [Fact]
    public void AuditPage_GivesAnOrganisationsOrOneTargetsEvents_NewestFirst_APageAtATime()
    {
        var log = Log();
        var alpha = log.NewestFirst.Where(e => e.OrganizationId == log.Alpha).ToList();

        var first = Read(r => r.AuditPage(log.Alpha, null, null, 2));
        Assert.Equal(IdsOf(alpha.Take(2)), IdsOf(first.Items));
        var second = Read(r => r.AuditPage(log.Alpha, null, first.NextAfterKey, 2));
        Assert.Equal(IdsOf(alpha.Skip(2)), IdsOf(second.Items));
        Assert.Null(second.NextAfterKey);
        Assert.Null(Read(r => r.AuditPage(log.Alpha, null, null, 3)).NextAfterKey);

        var target = Read(r => r.AuditPage(log.Alpha, log.AnnasMembership, null, 10));
        Assert.Equal(IdsOf(log.NewestFirst.Where(e => e.TargetId == log.AnnasMembership)), IdsOf(target.Items));
        Assert.StartsWith("page_token:", Refusal(() => Read(r => r.AuditPage(log.Beta, null, first.NextAfterKey, 2))));
    }

    [Fact]
    public void RecentSignIns_AreTheSessionsASignInOrRegistrationIssued_AndTheFailures_NewestFirst()
    {
        var anna = Ids.New();
        var registered = Event("session.created", Now, details: new() { ["via"] = "registration", ["person_id"] = anna });
        var failed = Event("person.sign_in_failed", Now.AddMinutes(1), targetId: anna);
        Event("session.created", Now.AddMinutes(2), details: new() { ["via"] = "switch", ["person_id"] = anna });
        var signedIn = Event("session.created", Now.AddMinutes(3), details: new() { ["via"] = "sign_in", ["person_id"] = anna });
        Event("session.created", Now.AddMinutes(4), details: new() { ["via"] = "sign_in", ["person_id"] = Ids.New() });

        Assert.Equal([signedIn.Id, failed.Id, registered.Id], Read(r => r.RecentSignIns(anna, 10)).Select(e => e.Id));
        Assert.Equal([signedIn.Id, failed.Id], Read(r => r.RecentSignIns(anna, 2)).Select(e => e.Id));
    }
}
