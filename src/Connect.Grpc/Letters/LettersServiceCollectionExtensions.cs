using Connect.Grpc.Domain;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Letters;

public static class LettersServiceCollectionExtensions
{
    /// <summary>Registers the invitation letters (<see cref="IInvitationLetters"/>) and their letterhead from <c>Connect:Letters</c>.</summary>
    public static IServiceCollection AddConnectLetters(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LetterOptions>().Bind(configuration.GetSection(LetterOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LetterOptions>, LetterOptionsValidator>();
        services.AddSingleton<IInvitationLetters, PdfInvitationLetters>();
        return services;
    }
}
