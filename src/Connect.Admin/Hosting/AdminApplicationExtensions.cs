using Connect.Admin.Sessions;

namespace Connect.Admin.Hosting;

/// <summary>The console's request pipeline.</summary>
public static class AdminApplicationExtensions
{
    public static WebApplication UseConnectAdmin(this WebApplication app)
    {
        // Always the generic page, also in Development: a stack trace is never shown to a browser.
        app.UseExceptionHandler("/error");
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseStaticFiles();
        app.UseRequestLocalization();
        app.UseRouting();
        app.MapRazorPages();
        // The root is the account for a browser with a session, the sign-in otherwise; registration stays at /register.
        app.MapGet("/", (HttpRequest request) => Results.Redirect(ConsoleCookies.ReadSession(request) is null ? "/signin" : "/account"));
        return app;
    }
}
