using Connect.Grpc.Messaging;
using Connect.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Services;

/// <summary>Serves the support contact configured once for e-mails, letters and the console.</summary>
internal sealed class SupportGrpcService(IOptions<SupportOptions> support) : SupportService.SupportServiceBase
{
    public override Task<GetSupportContactResponse> GetSupportContact(GetSupportContactRequest request, ServerCallContext context)
    {
        var options = support.Value;
        return Task.FromResult(new GetSupportContactResponse
        {
            Department = Localized(options.DepartmentIn),
            PhoneNumber = options.Phone,
            Hours = Localized(options.HoursIn),
            Email = options.Email ?? "",
        });
    }

    private static LocalizedText Localized(Func<string, string> textIn) =>
        new() { Fr = textIn("fr"), De = textIn("de"), It = textIn("it"), En = textIn("en") };
}
