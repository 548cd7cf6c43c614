using Connect.Grpc.Tests.Storage;
using Connect.Grpc.Tests.Support;
using Connect.V1;
using LiteDB;

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
            }
            StoreFile.Edit(directory, db =>
            {
                // Issue 4's layout: organisation or target id + event id, and no other key.
                db.Change("audit", auditEvent =>
                {
                    var id = auditEvent["_id"].AsString;
                    auditEvent["OrganizationKey"] = auditEvent["OrganizationId"].IsNull ? BsonValue.Null : auditEvent["OrganizationId"].AsString + id;
                    auditEvent["TargetKey"] = auditEvent["TargetId"].AsString + id;
                    auditEvent["TimeKey"] = id;
                    auditEvent["ActorKey"] = auditEvent["ActionKey"] = auditEvent["SignInKey"] = BsonValue.Null;
                    return true;
                });
                db.Change("persons", person =>
                {
                    person["NameWords"] = new BsonArray();
                    return true;
                });
                db.KeysVersion("3");
            });

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
