using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Connect.Testing;

/// <summary>A real HTTP/1.1 web app on a free loopback port, standing in for a peer of the server (an SMS gateway, an OTLP collector).</summary>
public static class LoopbackApp
{
    public static WebApplicationBuilder CreateBuilder()
    {
        // Its own content root: the test folder holds the server's appsettings.json, whose HTTP/2-only endpoint would win.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Path.GetTempPath() });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        return builder;
    }
}
