using System.Globalization;
using Connect.Admin.Forms;
using Connect.Admin.KeyRing;
using Connect.Admin.Localization;
using Connect.Admin.Pages.Members;
using Connect.Admin.Pages.Operator;
using Connect.Admin.Sessions;
using Connect.Admin.Support;
using Connect.Client;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Connect.Admin.Hosting;

/// <summary>Registers the console's services.</summary>
public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddConnectAdmin(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddConnectAdminLocalization();
        services.AddConsoleKeyRing(configuration);
        services.AddRouting(o => o.LowercaseUrls = true);
        services.AddRazorPages(o =>
            {
                // Folders whose pages act for a signed-in person; the filter sends everyone else to the sign-in.
                o.Conventions.AddFolderApplicationModelConvention("/Account", page => page.Filters.Add(new SessionRequiredFilter()));
                // The user management also needs an administrator, which only Connect can say.
                o.Conventions.AddFolderApplicationModelConvention("/Members", page =>
                {
                    page.Filters.Add(new SessionRequiredFilter());
                    page.Filters.Add(new AdministratorRequiredFilter());
                });
                // Partner integrations (and, for operators, the internal apps) are the administrators' too.
                o.Conventions.AddFolderApplicationModelConvention("/Integrations", page =>
                {
                    page.Filters.Add(new SessionRequiredFilter());
                    page.Filters.Add(new AdministratorRequiredFilter());
                });
                // The fund's area needs an operator (an administrator of the fund's organisation), which only Connect can say.
                o.Conventions.AddFolderApplicationModelConvention("/Operator", page =>
                {
                    page.Filters.Add(new SessionRequiredFilter());
                    page.Filters.Add(new OperatorRequiredFilter());
                });
            })
            .AddViewLocalization()
            .AddDataAnnotationsLocalization(o =>
                o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)))
            .AddMvcOptions(o =>
            {
                o.Filters.Add<SecurityHeadersFilter>();
                // A non-nullable property is not required by itself (that rule's message is ASP.NET's English): each
                // required field says so with [Required] and a message of the resource files.
                o.SuppressImplicitRequiredAttributeForNonNullableReferenceTypes = true;
            });
        services.AddOptions<MvcOptions>().Configure<IStringLocalizerFactory>((o, factory) =>
            LocalizedBindingMessages.Apply(o.ModelBindingMessageProvider, factory.Create(typeof(SharedResource))));

        services.AddHttpContextAccessor();
        services.AddSingleton<ISessionTokenProvider, CookieSessionTokenProvider>();
        // The client library holds the default address; configuration only overrides it, with one server
        // (Connect:ServerAddress) or several replicas (Connect:Addresses:0, :1, …), which the library checks at start.
        var serverAddress = configuration.GetValue<Uri?>("Connect:ServerAddress");
        var addresses = configuration.GetSection("Connect:Addresses").Get<List<Uri>>() ?? [];
        services.AddConnectClient(o =>
        {
            if (serverAddress is not null) o.Address = serverAddress;
            foreach (var address in addresses) o.Addresses.Add(address);
        });
        services.AddTransient<ForwardedClientHandler>();
        services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler<ForwardedClientHandler>());
        services.AddMemoryCache();
        services.AddTransient<SupportContactSource>();
        services.AddTransient<ConnectErrorMessages>();
        return services;
    }

    private static void AddConnectAdminLocalization(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = ConsoleCultures.Supported.Select(c => new CultureInfo(c)).ToList();
            o.DefaultRequestCulture = new RequestCulture(ConsoleCultures.Default);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // No Accept-Language: the fund's console speaks French until the person picks another language.
            o.RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider(),
                new CookieRequestCultureProvider { CookieName = ConsoleCookies.Language },
            ];
        });
    }
}
