using Connect.V1;
using Grpc.Health.V1;
using Grpc.Reflection.V1Alpha;

namespace Connect.Grpc.Tests.Hosting;

public sealed class PlumbingTests : IClassFixture<ClassServer>
{
    private readonly ConnectServerFactory _server;

    public PlumbingTests(ClassServer shared) => _server = shared.Server;

    [Fact]
    public async Task Health_IsServing_OnceTheStoreIsOpen()
    {
        var health = new Health.HealthClient(_server.CreateChannel());
        var response = await health.CheckAsync(new HealthCheckRequest());
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task Reflection_ListsEveryService()
    {
        var reflection = new ServerReflection.ServerReflectionClient(_server.CreateChannel());
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("connect.v1.RegistrationService", services);
        Assert.Contains("connect.v1.OrganizationService", services);
        Assert.Contains("connect.v1.InvitationService", services);
        Assert.Contains("connect.v1.SupportService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task SupportContact_IsServedWithoutSession()
    {
        var support = await new SupportService.SupportServiceClient(_server.CreateChannel()).GetSupportContactAsync(new());
        Assert.Equal("+41 31 390 23 25", support.PhoneNumber);
        Assert.Equal("Département Contributions", support.Department.Fr);
        Assert.False(string.IsNullOrEmpty(support.Hours.De));
    }

    [Fact]
    public void SecondStart_PrintsNoNewCode()
    {
        var directory = ConnectServerFactory.NewDataDirectory();
        try
        {
            using (var first = new ConnectServerFactory(dataDirectory: directory))
            {
                Assert.NotNull(TestCodes.AccessCode(first.BootstrapOutput));
            }
            using (var second = new ConnectServerFactory(dataDirectory: directory))
            {
                Assert.Null(TestCodes.AccessCode(second.BootstrapOutput));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
