using Connect.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Connect.Client.Tests;

/// <summary>How the client takes several server addresses from configuration, and the sentences that stop a host whose addresses cannot work.</summary>
public sealed class ConnectClientAddressesTests
{
    [Fact]
    public void Addresses_BindFromANumberedList_AndTheChannelGoesThroughTheirResolver()
    {
        var options = Options(new Dictionary<string, string?>
        {
            ["Connect:Addresses:0"] = "http://connect-1.test:50051",
            ["Connect:Addresses:1"] = "http://connect-2.test:50051",
        });

        Assert.Equal([new Uri("http://connect-1.test:50051"), new Uri("http://connect-2.test:50051")], options.Addresses);
        Assert.True(options.IsBalanced);
        Assert.Equal(ConnectEndpoints.ListScheme, ConnectEndpoints.ChannelAddress(options).Scheme);
    }

    [Fact]
    public void OneAddress_KeepsItsPlainChannel()
    {
        var options = Options(new Dictionary<string, string?> { ["Connect:Address"] = "http://connect.test:50051" });

        Assert.Empty(options.Addresses);
        Assert.False(options.IsBalanced);
        Assert.Equal(new Uri("http://connect.test:50051"), ConnectEndpoints.ChannelAddress(options));
    }

    [Theory]
    [InlineData("Connect:Address", "http://connect-1.test:50051", "Address and Addresses are both set")]
    [InlineData("Connect:Addresses:1", "http://CONNECT-1.test:50051/", "lists http://connect-1.test:50051 more than once")]
    [InlineData("Connect:Addresses:1", "https://connect-2.test:50051", "mixes http and https")]
    [InlineData("Connect:Addresses:1", "connect-2.test:50051", "Addresses:1 (connect-2.test:50051) must be an absolute http://host:port or https://host:port URI")]
    [InlineData("Connect:Addresses:1", "dns:///connect.test:50051", "Addresses:1 (dns:///connect.test:50051) must be an absolute")]
    [InlineData("Connect:Addresses:1", "http://connect-2.test:50051/connect", "Addresses:1 (http://connect-2.test:50051/connect) must hold only a scheme, a host and a port")]
    public void AddressesThatCannotWork_StopTheStart_WithASentence(string key, string value, string expected)
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Options(new Dictionary<string, string?>
        {
            ["Connect:Addresses:0"] = "http://connect-1.test:50051",
            [key] = value,
        }));

        Assert.Contains(expected, refused.Message);
    }

    [Fact]
    public void ASingleAddress_OfAnotherScheme_IsRefused()
    {
        var refused = Assert.Throws<OptionsValidationException>(() => Options(new Dictionary<string, string?> { ["Connect:Address"] = "ftp://connect.test" }));

        Assert.Contains("Address must be an absolute URI: http://host:port, https://host:port or dns:///name:port", refused.Message);
    }

    private static ConnectClientOptions Options(Dictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddConnectClient(new ConfigurationBuilder().AddInMemoryCollection(settings).Build().GetSection("Connect"))
            .BuildServiceProvider()
            .GetRequiredService<IOptions<ConnectClientOptions>>().Value;
}
