using Connect.Grpc.Domain;

namespace Connect.Grpc.Hosting;

/// <summary>
/// Opens the store at start-up and, on the first start, prints the first operator's access code. The code is
/// written to standard output only, never to the log, which may be shipped elsewhere.
/// </summary>
internal sealed class BootstrapService(Bootstrap bootstrap, BootstrapOutput output, ILogger<BootstrapService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var issued = bootstrap.Run();
        if (issued is null)
        {
            logger.LogInformation("Store open; no bootstrap access code was needed");
            return Task.CompletedTask;
        }
        logger.LogInformation("Issued the bootstrap invitation {InvitationId} for the fund's first operator", issued.Invitation.Id);
        output.Writer.WriteLine($"""

            ================================================================
             Connect's first start: the fund's first operator registers with
               access code:  {issued.FormattedCode}
               at:           {issued.RegistrationUri}
             valid until {issued.Invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC, once.
            ================================================================

            """);
        output.Writer.Flush();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
