using Connect.Grpc.Tests.Support;
using Connect.V1;

namespace Connect.Grpc.Tests.Audit;

/// <summary>Data written under the previous key layout (events keyed by id only, persons without name words) gets the new keys at the next start.</summary>
public sealed class AuditKeyLayoutTests
{
    [Fact]
    public async Task KeysOfThePreviousLayout_AreWrittenAgainAtStart_AndMemberHistorySearchAndSignInsStillWork()
    {
        var directory = ConnectServerFactory.NewDataDirectory();
        try
        {
            RegisteredAdmin admin;
            CreatedMember member;
            string operatorToken;
            List<AuditEvent> historyBefore;
            using (var first = new ConnectServerFactory(dataDirectory: directory))
            {
                var driver = new MemberDriver(first, first.CreateChannel());
                operatorToken = await driver.SignIn.OperatorToken();
                admin = await driver.Admin("layout-admin@muster.test", "+41795700101", "607.001");
                member = await driver.Active(admin, MemberDriver.Request("layout@muster.test", "+41795700102", "Lea", "Lüthi"));
                await driver.SignedIn(member);
                historyBefore = [.. await driver.Audit(admin)];
                first.Store().Write(w =>
                {
                    // Issue 4's layout: organisation or target id + event id, and no other key.
                    foreach (var auditEvent in w.Page<Domain.AuditEvent>(null, null, 10_000, descending: false))
                    {
                        auditEvent.OrganizationKey = auditEvent.OrganizationId is null ? null : auditEvent.OrganizationId + auditEvent.Id;
                        auditEvent.TargetKey = auditEvent.TargetId + auditEvent.Id;
                        auditEvent.TimeKey = auditEvent.Id;
                        auditEvent.ActorKey = auditEvent.ActionKey = auditEvent.SignInKey = null;
                        w.Update(auditEvent);
                    }
                    foreach (var person in w.Page<Domain.Person>(null, null, 10_000, descending: false))
                    {
                        person.NameWords = [];
                        w.Update(person);
                    }
                    var version = w.Get<Domain.SystemSetting>("member-keys-version")!;
                    version.Value = "3";
                    w.Update(version);
                    return 0;
                });
            }

            using var second = new ConnectServerFactory(dataDirectory: directory);
            var support = new SupportDriver(second, second.CreateChannel());
            support.UseOperatorSession(operatorToken);

            Assert.Equal(historyBefore, await support.Members.Audit(admin));
            Assert.Equal(historyBefore.Where(e => e.TargetId == member.Id),
                await support.Members.Audit(admin, member.Id));
            Assert.Equal(historyBefore.Select(e => e.Id), (await support.AllEvents(new() { OrganizationId = admin.OrganizationId })).Select(e => e.Id));
            Assert.Equal(["layout@muster.test"], (await support.Search("lea luthi")).Select(p => p.Email));
            var signIns = (await support.Person(member.PersonId)).RecentSignIns;
            Assert.Equal((true, "sms"), (signIns[0].Succeeded, signIns[0].Detail));
            Assert.Contains(await support.AllEvents(new() { PersonId = member.PersonId, Action = "session.created" }), e => e.ActorPersonId == member.PersonId);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
