using Connect.Grpc.Tests.Support;
using Connect.V1;
using Google.Protobuf.WellKnownTypes;

namespace Connect.Grpc.Tests.Audit;

/// <summary>
/// A few minutes of the fund's life, written through the API on the fake clock: two organisations with their
/// administrators, a member in each, sign-ins, a second-factor reset. <see cref="Expected"/> answers a filter from every
/// event in the store, read without any index, to compare the search with.
/// </summary>
public sealed class AuditHistory
{
    private AuditHistory(ConnectServerFactory server, SupportDriver driver) => (Server, Driver) = (server, driver);

    public ConnectServerFactory Server { get; }
    public SupportDriver Driver { get; }
    public RegisteredAdmin Alpha { get; private set; } = default!;
    public RegisteredAdmin Beta { get; private set; } = default!;
    public CreatedMember Berta { get; private set; } = default!;
    public string CarlPersonId { get; private set; } = "";
    public DateTime Middle { get; private set; }

    public static async Task<AuditHistory> Write(ConnectServerFactory server)
    {
        var history = new AuditHistory(server, new SupportDriver(server, server.CreateChannel()));
        await history.Write();
        return history;
    }

    private void Later() => Server.Time.Advance(TimeSpan.FromSeconds(30));

    private async Task Write()
    {
        var members = Driver.Members;
        Alpha = await members.Admin("alpha-admin@audit.test", "+41795690101", "606.001", "Alpha AG");
        Later();
        Beta = await members.Admin("beta-admin@audit.test", "+41795690102", "606.002", "Beta AG");
        Later();
        Berta = await members.Active(Alpha, MemberDriver.Request("berta@audit.test", "+41795690103", "Berta", "Beispiel"));
        Later();
        Middle = Server.Time.GetUtcNow().UtcDateTime;
        await members.SignedIn(Berta);
        Later();
        CarlPersonId = (await members.Verified(Beta, MemberDriver.Request("carl@audit.test", "+41795690104", "Carl", "Caduff"))).PersonId;
        Later();
        await Driver.Support.ResetSecondFactorAsync(new() { PersonId = Berta.PersonId, Reason = "lost phone" }, await Driver.Operator());
        Later();
    }

    /// <summary>Every event of the store that the filter asks for, newest first, found without the indexes under test.</summary>
    public IReadOnlyList<Domain.AuditEvent> Expected(AuditEventFilter filter)
    {
        var all = Server.Stored<Domain.AuditEvent>().Reverse();
        var memberships = filter.PersonId.Length == 0 ? [] : Server.Store().Read(r => r.MembershipsOfPerson(filter.PersonId))
            .Select(m => m.Id).Append(filter.PersonId).ToHashSet();
        return all
            .Where(e => filter.OrganizationId.Length == 0 || e.OrganizationId == filter.OrganizationId)
            .Where(e => filter.PersonId.Length == 0 || e.ActorPersonId == filter.PersonId || (e.TargetId is not null && memberships.Contains(e.TargetId)))
            .Where(e => filter.Action.Length == 0
                || (filter.Action.EndsWith(".*", StringComparison.Ordinal) ? e.Action.StartsWith(filter.Action[..^1], StringComparison.Ordinal) : e.Action == filter.Action))
            .Where(e => filter.StartTime is null || e.Time >= filter.StartTime.ToDateTime())
            .Where(e => filter.EndTime is null || e.Time < filter.EndTime.ToDateTime())
            .OrderByDescending(e => e.Time).ThenByDescending(e => e.Id, StringComparer.Ordinal)
            .ToList();
    }

    public static Timestamp At(DateTime utc) => Timestamp.FromDateTime(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
}
