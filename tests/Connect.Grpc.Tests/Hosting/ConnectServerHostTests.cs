using Connect.Grpc.Hosting;
using Microsoft.Extensions.Configuration;

namespace Connect.Grpc.Tests.Hosting;

public class ConnectServerHostTests
{
    [Fact]
    public void Configuration_files_are_read_once_with_no_watcher()
    {
        var builder = ConnectServerHost.CreateBuilder([], contentRoot: Path.GetTempPath());

        var files = builder.Configuration.Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files); // appsettings.json and appsettings.{environment}.json
        Assert.All(files, file => Assert.False(file.ReloadOnChange));
    }

    [Fact]
    public void The_command_line_may_turn_reloading_back_on()
    {
        var builder = ConnectServerHost.CreateBuilder(["--hostBuilder:reloadConfigOnChange=true"], contentRoot: Path.GetTempPath());

        Assert.All(builder.Configuration.Sources.OfType<FileConfigurationSource>(), file => Assert.True(file.ReloadOnChange));
    }
}
