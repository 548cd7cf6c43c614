namespace Connect.Grpc.Hosting;

/// <summary>Where the first start prints the bootstrap access code: standard output, or a test's own writer.</summary>
public sealed class BootstrapOutput
{
    public TextWriter Writer { get; init; } = Console.Out;
}
