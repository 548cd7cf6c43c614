using Connect.Grpc.Domain;
using Connect.Grpc.Messaging;
using Connect.V1;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Connect.Grpc.Services;

/// <summary>
/// Serves the support contact configured once for e-mails, letters and the console, and the operators' help for people:
/// sign-in locks, the person search and detail, the second-factor reset and the activation e-mail sent again.
/// </summary>
internal sealed class SupportGrpcService(
    IOptions<SupportOptions> support,
    SignInLockSupport locks,
    PersonSearch search,
    PersonSupport persons,
    SecondFactorReset reset)
    : SupportService.SupportServiceBase
{
    public override Task<SearchPersonsResponse> SearchPersons(SearchPersonsRequest request, ServerCallContext context)
    {
        var (found, truncated) = search.Search(context.Operator(), request.Query);
        var response = new SearchPersonsResponse { Truncated = truncated };
        response.Persons.AddRange(found.Select(p => p.Person.ToSummary(p.MembershipCount)));
        return Task.FromResult(response);
    }

    public override Task<GetPersonResponse> GetPerson(GetPersonRequest request, ServerCallContext context)
    {
        return Task.FromResult(persons.Get(context.Operator(), request.Id).ToProto());
    }

    public override Task<ResetSecondFactorResponse> ResetSecondFactor(ResetSecondFactorRequest request, ServerCallContext context) =>
        Task.FromResult(new ResetSecondFactorResponse { EndedSessions = reset.Reset(context.Operator(), request.PersonId, request.Reason) });

    public override Task<ResendPersonActivationResponse> ResendPersonActivation(ResendPersonActivationRequest request, ServerCallContext context) =>
        Task.FromResult(new ResendPersonActivationResponse
        {
            ExpireTime = persons.ResendActivation(context.Operator(), request.PersonId, request.Reason).ToTimestamp(),
        });

    public override Task<GetSignInLockResponse> GetSignInLock(GetSignInLockRequest request, ServerCallContext context)
    {
        var (person, failures, lockedUntil) = locks.Get(context.Operator(), request.Email);
        return Task.FromResult(SupportMapping.ToLockResponse(person.Id, failures, lockedUntil));
    }

    public override Task<LiftSignInLockResponse> LiftSignInLock(LiftSignInLockRequest request, ServerCallContext context)
    {
        locks.Lift(context.Operator(), request.Email, request.Reason);
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
        response.Languages.AddRange(options.EffectiveLanguages.Where(Domain.Languages.All.Contains).Select(code => code.ToProtoLanguage()));
        return Task.FromResult(response);
    }

    private static LocalizedText Localized(Func<string, string> textIn) =>
        new() { Fr = textIn("fr"), De = textIn("de"), It = textIn("it"), En = textIn("en") };
}
