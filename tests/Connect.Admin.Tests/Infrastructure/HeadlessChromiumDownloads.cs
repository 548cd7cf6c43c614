namespace Connect.Admin.Tests.Infrastructure;

/// <summary>Downloads land in a folder of this browser's own, where a test reads them.</summary>
public sealed partial class HeadlessChromium
{
    private string? downloadDirectory;

    /// <summary>The folder downloads go to; asks Chromium (through the DevTools protocol) to save them there without a prompt.</summary>
    public string DownloadDirectory
    {
        get
        {
            if (downloadDirectory is null)
            {
                var directory = Path.Combine(profileDirectory, "downloads");
                Directory.CreateDirectory(directory);
                driver.ExecuteCdpCommand("Browser.setDownloadBehavior", new Dictionary<string, object?>
                {
                    ["behavior"] = "allow",
                    ["downloadPath"] = directory,
                });
                downloadDirectory = directory;
            }
            return downloadDirectory;
        }
    }

    /// <summary>
    /// Clicks what starts a download (by CSS selector) and waits for the complete file whose name ends with
    /// <paramref name="extension"/>; returns its path.
    /// </summary>
    public async Task<string> DownloadAsync(string cssSelector, string extension)
    {
        var directory = DownloadDirectory;
        var before = Directory.GetFiles(directory).ToHashSet();
        Press(cssSelector);
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            // Chromium writes "<name>.crdownload" and renames it when the download is complete.
            var done = Directory.GetFiles(directory)
                .FirstOrDefault(f => !before.Contains(f) && f.EndsWith(extension, StringComparison.OrdinalIgnoreCase));
            if (done is not null) return done;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No {extension} file arrived in {directory} within {Patience.TotalSeconds} s.");
    }
}
