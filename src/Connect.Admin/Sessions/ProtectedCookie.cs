using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Connect.Admin.Sessions;

/// <summary>
/// A cookie that carries a step in progress (a sign-in, a password reset) as JSON, encrypted and signed with the
/// console's data-protection keys: the browser can neither read nor change it, and the console stores nothing.
/// Always HttpOnly and SameSite=Strict, and sent only under <paramref name="path"/>.
/// </summary>
public sealed class ProtectedCookie<T>(string name, string path) where T : class
{
    // Splits a long value (a fiduciary's many organisations) over several cookies instead of losing it.
    private static readonly ChunkingCookieManager Chunks = new();

    public string Name => name;

    public T? Read(HttpContext context)
    {
        var value = Chunks.GetRequestCookie(context, name);
        if (string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(Protector(context).Unprotect(value));
        }
        catch (Exception exception) when (exception is CryptographicException or JsonException)
        {
            // Changed keys or a tampered value: as if the step had never started.
            return null;
        }
    }

    public void Write(HttpContext context, T state, DateTimeOffset expires) =>
        Chunks.AppendResponseCookie(context, name, Protector(context).Protect(JsonSerializer.Serialize(state)), Options(context, expires));

    public void Delete(HttpContext context) => Chunks.DeleteCookie(context, name, Options(context, null));

    private CookieOptions Options(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Path = path,
        Expires = expires,
    };

    private IDataProtector Protector(HttpContext context) =>
        context.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector("Connect.Admin.Cookie", name);
}
