using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using Connect.Grpc.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Connect.Grpc.Tests.Messaging;

public static class ServiceProviders
{
    /// <summary>The messaging services as the server registers them, over in-memory configuration.</summary>
    public static ServiceProvider Messaging(string dataDirectory, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IStore>(_ => new LiteDbStore(Path.Combine(dataDirectory, "connect.db"), flushToDisk: false));
        services.AddConnectMessaging(configuration, dataDirectory);
        return services.BuildServiceProvider();
    }
}
