namespace Connect.Grpc.Hosting;

/// <summary>How the server's host is built: by the program, and by the benchmarks that start it in their process.</summary>
public static class ConnectServerHost
{
    /// <summary>
    /// Configuration is read once, at start, with no file watcher on the content root: the default data directory
    /// lies under it, so a watcher would wake on every write of the store (decision 0039).
    /// </summary>
    public const string NoReloadArgument = "--hostBuilder:reloadConfigOnChange=false";

    /// <param name="args">The command line; it comes after <see cref="NoReloadArgument"/>, so it may turn reloading back on.</param>
    /// <param name="contentRoot">Where appsettings.json is looked for; the working directory when null.</param>
    public static WebApplicationBuilder CreateBuilder(string[] args, string? contentRoot = null) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = [NoReloadArgument, .. args], ContentRootPath = contentRoot });
}
