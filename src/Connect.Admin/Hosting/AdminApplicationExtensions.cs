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
        // The sign-in pages will live at the root; until then the root is the registration.
        app.MapGet("/", () => Results.Redirect("/register"));
        return app;
    }
}
