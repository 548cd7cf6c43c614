using System.Text;
using Connect.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Connect.Grpc.Tests.Organizations;

/// <summary>Every call of the organisation service is the fund operators': others are refused and nothing changes.</summary>
public sealed class OrganizationAccessTests : IDisposable
{
    private readonly ConnectServerFactory _server = new();
    private readonly OperatorDesk _desk;

    public OrganizationAccessTests() => _desk = new OperatorDesk(_server, _server.CreateChannel());

    public void Dispose() => _server.Dispose();

    private static readonly ByteString Csv = ByteString.CopyFrom("name;affiliate_number;invitation\nNeu AG;700.100;chef@neu.test\n", Encoding.UTF8);

    /// <summary>Each call of the service, as a caller with <paramref name="metadata"/> would make it.</summary>
    private IEnumerable<(string Name, Func<Task> Call)> Calls(Organization organization, Metadata? metadata)
    {
        var service = _desk.Organizations;
        var update = organization.Clone();
        update.DisplayName = "Übernommen";
        yield return ("CreateOrganization", async () => await service.CreateOrganizationAsync(new() { DisplayName = "X", AffiliateNumber = "700.200" }, metadata));
        yield return ("GetOrganization", async () => await service.GetOrganizationAsync(new() { Id = organization.Id }, metadata));
        yield return ("ListOrganizations", async () => await service.ListOrganizationsAsync(new(), metadata));
        yield return ("UpdateOrganization", async () => await service.UpdateOrganizationAsync(new() { Organization = update }, metadata));
        yield return ("SuspendOrganization", async () => await service.SuspendOrganizationAsync(new() { Id = organization.Id, Reason = "X" }, metadata));
        yield return ("ReopenOrganization", async () => await service.ReopenOrganizationAsync(new() { Id = organization.Id, Reason = "X" }, metadata));
        yield return ("ImportOrganizations", async () => await service.ImportOrganizationsAsync(new() { Csv = Csv }, metadata));
        yield return ("ImportOrganizations preview", async () => await service.ImportOrganizationsAsync(new() { Csv = Csv, ValidateOnly = true }, metadata));
        yield return ("ListTopics", async () => await service.ListTopicsAsync(new() { ShowRetired = true }, metadata));
        yield return ("CreateTopic", async () => await service.CreateTopicAsync(new()
        {
            TopicId = "pensions", DisplayName = new() { Fr = "a", De = "b", It = "c", En = "d" },
        }, metadata));
        yield return ("UpdateTopic", async () => await service.UpdateTopicAsync(new()
        {
            Id = "contributions", DisplayName = new() { Fr = "a", De = "b", It = "c", En = "d" },
        }, metadata));
        yield return ("RetireTopic", async () => await service.RetireTopicAsync(new() { Id = "contributions" }, metadata));
    }

    private async Task AssertNothingChanged(Organization organization)
    {
        Assert.Equal(organization, await _desk.Get(organization.Id));
        Assert.Equal(2, _desk.Stored().Count);   // the fund and the employer: nothing imported
        var topics = (await _desk.Organizations.ListTopicsAsync(new() { ShowRetired = true }, await _desk.Operator())).Topics;
        Assert.Equal(["contributions", "family-allowances", "loss-of-earnings", "salary-declarations"], topics.Select(t => t.Id));
        Assert.All(topics, t => Assert.False(t.Retired));
        Assert.Equal("Cotisations", topics[0].DisplayName.Fr);
        Assert.Empty(_desk.Events("topic.renamed"));
        Assert.Empty(_server.Mail.To("chef@neu.test"));
    }

    [Fact]
    public async Task AnEmployersAdministrator_IsRefusedEveryCall_WithOperatorRequired()
    {
        var admin = await _desk.SignIn.Member("chef@access.test", "+41795580001", "700.001");
        var organization = await _desk.Get(admin.OrganizationId);

        foreach (var (name, call) in Calls(organization, RpcAssert.Bearer(admin.SessionToken)))
        {
            var status = await RpcAssert.Fails(StatusCode.PermissionDenied, "OPERATOR_REQUIRED", call);
            Assert.False(string.IsNullOrEmpty(status.Message), name);
        }
        await AssertNothingChanged(organization);
    }

    [Fact]
    public async Task ACallerWithoutSession_IsRefusedEveryCall_WithSessionRequired()
    {
        var organization = await _desk.Create("700.002");

        foreach (var (_, call) in Calls(organization, null)) await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_REQUIRED", call);
        foreach (var (_, call) in Calls(organization, RpcAssert.Bearer(new string('A', 43))))
            await RpcAssert.Fails(StatusCode.Unauthenticated, "SESSION_INVALID", call);
        await AssertNothingChanged(organization);
    }
}
