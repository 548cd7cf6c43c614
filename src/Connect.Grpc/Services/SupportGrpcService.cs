using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using Connect.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Services;

/// <summary>Serves the support contact configured once for e-mails, letters and the console, and the operators' sign-in lock tools.</summary>
internal sealed class SupportGrpcService(IOptions<SupportOptions> support, SignInLockSupport locks, CallerResolver callers)
    : SupportService.SupportServiceBase
{
    public override Task<GetSignInLockResponse> GetSignInLock(GetSignInLockRequest request, ServerCallContext context)
    {
        callers.Operator(context);
        var (person, failures, lockedUntil) = locks.Get(request.Email);
        var response = new GetSignInLockResponse { PersonId = person.Id, Locked = lockedUntil is not null, FailedAttempts = failures };
        if (lockedUntil is { } until) response.LockEndTime = until.ToTimestamp();
        return Task.FromResult(response);
    }

    public override Task<LiftSignInLockResponse> LiftSignInLock(LiftSignInLockRequest request, ServerCallContext context)
    {
        locks.Lift(callers.Operator(context), request.Email, request.Reason);
        return Task.FromResult(new LiftSignInLockResponse());
    }

    public override Task<GetSupportContactResponse> GetSupportContact(GetSupportContactRequest request, ServerCallContext context)
    {
        var options = support.Value;
        var response = new GetSupportContactResponse
        {
            Department = Localized(options.DepartmentIn),
            PhoneNumber = options.Phone,
            Hours = Localized(options.HoursIn),
            Email = options.Email ?? "",
        };
        response.Languages.AddRange(options.Languages.Select(code => code.ToLowerInvariant().ToProtoLanguage()).Where(l => l != Language.Unspecified));
        return Task.FromResult(response);
    }

    private static LocalizedText Localized(Func<string, string> textIn) =>
        new() { Fr = textIn("fr"), De = textIn("de"), It = textIn("it"), En = textIn("en") };
}
