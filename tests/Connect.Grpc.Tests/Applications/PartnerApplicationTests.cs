using Connect.V1;
using Grpc.Core;

namespace Connect.Grpc.Tests.Applications;

/// <summary>A partner integration keeps an employer's authorised persons in step with its own credential, audited under its name.</summary>
public sealed class PartnerApplicationTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;
    private readonly MemberDriver _driver;
    private readonly ApplicationDriver _apps;

    public PartnerApplicationTests(ClassServer shared)
    {
        _server = shared.Server;
        var channel = shared.Channel;
        _driver = new MemberDriver(_server, channel);
        _apps = new ApplicationDriver(channel);
    }

    private MemberService.MemberServiceClient Members => _driver.Members;

    [Fact]
    public async Task Partner_ListsMembers_CreatesAPerson_WhoseNumberIsVerifiedByTheCodeReadOut_AuditedUnderItsName()
    {
        var admin = await _driver.Admin("partner-admin@muster.test", "+41795700101", "801.001");
        var credential = await _apps.Partner(admin, "Payroll Pro");
        Assert.StartsWith("cs_", credential.ClientSecret, StringComparison.Ordinal);
        Assert.Equal(admin.OrganizationId, credential.OrganizationId);

        var exchanged = await _apps.Applications.CreateApplicationTokenAsync(new() { ClientId = credential.ClientId, ClientSecret = credential.ClientSecret });
        Assert.Equal(["users.read", "users.write"], exchanged.Scopes);
        Assert.Equal(admin.OrganizationId, exchanged.OrganizationId);
        var now = _server.Time.GetUtcNow().UtcDateTime;
        Assert.InRange((exchanged.ExpireTime.ToDateTime() - now).TotalMinutes, 59.9, 60.1);
        var app = ApplicationDriver.As(exchanged.AccessToken);

        var members = await Members.ListMembersAsync(new(), app);
        Assert.Equal([admin.PersonId], members.Members.Select(m => m.PersonId));

        var request = MemberDriver.Request("new-hire@muster.test", "+41795700102", "Nina", "Neu");
        var created = await Members.CreateMemberAsync(request, app);
        Assert.Equal(MemberState.PendingPhone, created.Member.State);
        var code = TestCodes.SixDigits(await _server.Sms.WaitForText("+41795700102"));
        var verified = await Members.VerifyMemberPhoneAsync(new() { MemberId = created.Member.Id, Code = code }, app);
        Assert.Equal(MemberState.PendingActivation, verified.Member.State);

        var audit = (await Members.ListOrganizationAuditEventsAsync(new() { MemberId = created.Member.Id }, app)).AuditEvents;
        Assert.NotEmpty(audit);
        Assert.All(audit, e =>
        {
            Assert.Equal(credential.ApplicationId, e.ActorApplicationId);
            Assert.Equal("Payroll Pro", e.ActorName);
            Assert.Equal("", e.ActorPersonId);
        });
        Assert.Contains(audit, e => e.Action == "membership.created");
        // The administrator sees the same history, with the application as the actor.
        var seenByAdmin = (await Members.ListOrganizationAuditEventsAsync(new(), MemberDriver.As(admin))).AuditEvents;
        Assert.Contains(seenByAdmin, e => e.Action == "application.created" && e.ActorPersonId == admin.PersonId);
        Assert.Contains(seenByAdmin, e => e.Action == "application.token_issued" && e.ActorApplicationId == credential.ApplicationId);
    }

    [Fact]
    public async Task TheSecret_IsShownOnce_AndStoredOnlyAsAHash()
    {
        var dataDirectory = ConnectServerFactory.NewDataDirectory();
        var server = new ConnectServerFactory(dataDirectory: dataDirectory);
        var channel = server.CreateChannel();
        var driver = new MemberDriver(server, channel);
        var apps = new ApplicationDriver(channel);
        var admin = await driver.Admin("once-admin@muster.test", "+41795700201", "801.002");
        var credential = await apps.Partner(admin);
        var token = await apps.Token(credential);

        var read = (await apps.Applications.GetApplicationAsync(new() { ApplicationId = credential.ApplicationId }, MemberDriver.As(admin))).Application;
        var listed = (await apps.Applications.ListApplicationsAsync(new(), MemberDriver.As(admin))).Applications.Single();
        Assert.Equal(read, listed);
        Assert.Equal(credential.ClientSecret[..7], Assert.Single(read.Secrets).Hint);
        Assert.DoesNotContain(credential.ClientSecret, read.ToString(), StringComparison.Ordinal);

        // Neither the secret nor the access token is anywhere in the database files.
        await server.DisposeAsync();
        var files = Directory.GetFiles(dataDirectory, "*.db");
        Assert.NotEmpty(files);
        var stored = new System.Text.StringBuilder();
        foreach (var file in files)
        {
            stored.Append(System.Text.Encoding.UTF8.GetString(await ReadOnceReleased(file)));
        }
        var text = stored.ToString();
        Assert.DoesNotContain(credential.ClientSecret[3..], text, StringComparison.Ordinal);
        Assert.DoesNotContain(token[4..], text, StringComparison.Ordinal);
        Assert.Contains(credential.ClientId, text, StringComparison.Ordinal); // the check reads what was stored
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } // a temp folder; never fail the test on it
    }

    /// <summary>The file's bytes, once the stopped server's store has let go of it (its disposal may lag the host's).</summary>
    private static async Task<byte[]> ReadOnceReleased(string file)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await File.ReadAllBytesAsync(file);
            }
            catch (FileNotFoundException)
            {
                return []; // a log file the store emptied into the data file and removed at its end
            }
            catch (IOException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }
}
