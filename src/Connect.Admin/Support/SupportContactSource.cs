using Connect.Client;
using Connect.V1;
using Microsoft.Extensions.Caching.Memory;

namespace Connect.Admin.Support;

/// <summary>
/// The fund's support contact for the footer of every page, cached so that a page costs no extra call; when
/// Connect cannot be reached the footer stays empty rather than the page failing or waiting.
/// </summary>
public sealed partial class SupportContactSource(ConnectSupportClient support, IMemoryCache cache, ILogger<SupportContactSource> logger)
{
    private const string CacheKey = "connect-support-contact";
    private static readonly TimeSpan FreshFor = TimeSpan.FromMinutes(5);
    // A failure is remembered briefly so that an unreachable server does not slow down every page.
    private static readonly TimeSpan FailureRememberedFor = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan PatienceForTheFooter = TimeSpan.FromSeconds(3);

    public async Task<GetSupportContactResponse?> GetAsync(CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(CacheKey, out CachedContact? cached) && cached is not null) return cached.Contact;

        GetSupportContactResponse? contact = null;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PatienceForTheFooter);
            contact = await support.GetSupportContactAsync(timeout.Token);
        }
        catch (ConnectClientException exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnavailable(logger, exception.StatusCode);
        }
        cache.Set(CacheKey, new CachedContact(contact), contact is null ? FailureRememberedFor : FreshFor);
        return contact;
    }

    private sealed record CachedContact(GetSupportContactResponse? Contact);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The support contact could not be fetched ({StatusCode}); the footer stays empty.")]
    private static partial void LogUnavailable(ILogger logger, Grpc.Core.StatusCode statusCode);
}
