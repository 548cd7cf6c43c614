using Microsoft.Extensions.Logging.Console;

namespace Connect.Grpc.Telemetry;

/// <summary>What Connect changes about ASP.NET Core's logging: escaped console output and quiet refusals of bad input.</summary>
public static class ConnectLoggingExtensions
{
    /// <summary>
    /// grpc-dotnet's server categories: at Information they write a line for every refused call (with the refusal's
    /// message), a stack trace for every body that cannot be read and a line for every call to an unknown service or
    /// method (with its name), which lets any caller flood the log. Their errors (a handler that crashed) are Error and
    /// still written.
    /// </summary>
    public const string GrpcServerCategory = "Grpc.AspNetCore.Server";

    public static IServiceCollection AddConnectLogging(this IServiceCollection services)
    {
        // First in the list, so that Logging:LogLevel:<category> from configuration (a later rule of the same category) still wins.
        services.Configure<LoggerFilterOptions>(options => options.Rules.Insert(0, new LoggerFilterRule(null, GrpcServerCategory, LogLevel.Warning, null)));

        // Every console formatter the host registered (simple, json, systemd) is wrapped under its own name, so
        // Logging:Console:FormatterName picks an escaping one whichever it names.
        foreach (var registration in services.Where(d => d.ServiceType == typeof(ConsoleFormatter) && d.ImplementationType is not null).ToList())
        {
            var type = registration.ImplementationType!;
            services.Remove(registration);
            services.AddSingleton<ConsoleFormatter>(provider =>
                new EscapingConsoleFormatter((ConsoleFormatter)ActivatorUtilities.CreateInstance(provider, type)));
        }
        return services;
    }
}
