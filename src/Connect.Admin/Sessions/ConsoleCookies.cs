using Google.Protobuf.WellKnownTypes;

namespace Connect.Admin.Sessions;

/// <summary>
/// The console's own cookies: the registration in progress, the sign-in, the password reset and the new member in
/// progress, the session, the chosen language.
/// </summary>
public static class ConsoleCookies
{
    public const string Registration = "connect_registration";
    public const string Session = "connect_session";
    public const string Language = "connect_language";

    private const string RegistrationPath = "/register";

    /// <summary>The sign-in between the password and the session: only the sign-in pages see it.</summary>
    public static ProtectedCookie<SignInState> SignIn { get; } = new("connect_sign_in", "/signin");

    /// <summary>The "forgot password" until the new password is taken: only its pages see it.</summary>
    public static ProtectedCookie<PasswordResetState> PasswordReset { get; } = new("connect_password_reset", "/password-reset");

    /// <summary>The "Nouveau" dialog of the user management until its SMS code is verified: only its pages see it.</summary>
    public static ProtectedCookie<NewMemberDraft> NewMember { get; } = new("connect_new_member", "/members/new");

    public static string? ReadRegistration(HttpRequest request) => NonEmpty(request.Cookies[Registration]);

    public static string? ReadSession(HttpRequest request) => NonEmpty(request.Cookies[Session]);

    /// <summary>
    /// Keeps the registration token. Lax, not Strict: the invitation and the e-mail's link arrive from another
    /// site, and the registration must survive that navigation.
    /// </summary>
    public static void WriteRegistration(HttpContext context, string token, Timestamp? expireTime) =>
        context.Response.Cookies.Append(Registration, token, Options(context, SameSiteMode.Lax, RegistrationPath, expireTime));

    public static void DeleteRegistration(HttpContext context) =>
        context.Response.Cookies.Delete(Registration, Options(context, SameSiteMode.Lax, RegistrationPath, null));

    /// <summary>Keeps the session token; Strict, because nothing from another site may act with it.</summary>
    public static void WriteSession(HttpContext context, string token, Timestamp? expireTime) =>
        context.Response.Cookies.Append(Session, token, Options(context, SameSiteMode.Strict, "/", expireTime));

    public static void DeleteSession(HttpContext context) =>
        context.Response.Cookies.Delete(Session, Options(context, SameSiteMode.Strict, "/", null));

    public static void WriteLanguage(HttpContext context, string value) =>
        context.Response.Cookies.Append(Language, value, new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
            Expires = DateTimeOffset.UtcNow.AddYears(1),
        });

    private static CookieOptions Options(HttpContext context, SameSiteMode sameSite, string path, Timestamp? expireTime) => new()
    {
        HttpOnly = true,
        IsEssential = true,
        SameSite = sameSite,
        Secure = context.Request.IsHttps,
        Path = path,
        Expires = expireTime?.ToDateTimeOffset(),
    };

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
