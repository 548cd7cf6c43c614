using Connect.Grpc.Domain;
using V1 = Connect.V1;

namespace Connect.Grpc.Services;

/// <summary>Support's views of a person, domain → proto.</summary>
internal static class SupportMapping
{
    public static V1.PersonSummary ToSummary(this Person person, int membershipCount) => new()
    {
        Id = person.Id,
        Email = person.Email,
        GivenName = person.GivenName,
        FamilyName = person.FamilyName,
        PhoneNumber = person.PhoneNumber,
        MembershipCount = membershipCount,
    };

    public static V1.GetSignInLockResponse ToLockResponse(string personId, int failures, DateTime? lockedUntil)
    {
        var response = new V1.GetSignInLockResponse { PersonId = personId, Locked = lockedUntil is not null, FailedAttempts = failures };
        if (lockedUntil is { } until) response.LockEndTime = until.ToTimestamp();
        return response;
    }

    public static V1.GetPersonResponse ToProto(this PersonDetail detail)
    {
        var person = detail.Person;
        var response = new V1.GetPersonResponse
        {
            Person = person.ToSummary(detail.Memberships.Count),
            Language = person.Language.ToProtoLanguage(),
            SignInLock = ToLockResponse(person.Id, detail.FailedSignIns, detail.LockedUntil),
            SecondFactors = new V1.SecondFactorState
            {
                PhoneNumber = person.PhoneNumber,
                Authenticator = person.AuthenticatorSecret is not null,
                RecoveryCodesLeft = person.RecoveryCodeHashes.Count,
                PhoneNumberRequired = person.PhoneNumberRequired,
            },
            ActivationPending = !person.HasPassword(),
            CreateTime = person.CreatedAt.ToTimestamp(),
        };
        response.Memberships.AddRange(detail.Memberships.Select(ToProto));
        response.RecentSignIns.AddRange(detail.RecentSignIns.Select(ToProto));
        return response;
    }

    private static V1.PersonMembership ToProto(PersonMembershipView view)
    {
        var proto = new V1.PersonMembership
        {
            MemberId = view.Membership.Id,
            OrganizationId = view.Membership.OrganizationId,
            OrganizationName = view.Organization?.DisplayName ?? "",
            AffiliateNumber = view.Organization?.AffiliateNumber ?? "",
            State = view.Membership.State.ToProto(),
            Administrator = view.Membership.Administrator,
            OrganizationSuspended = view.Organization?.Suspended ?? false,
        };
        proto.TopicIds.AddRange(view.TopicIds);
        return proto;
    }

    private static V1.SignInRecord ToProto(SignInRecordView record) => new()
    {
        Time = record.Event.Time.ToTimestamp(),
        Succeeded = record.Succeeded,
        OrganizationId = record.Succeeded ? record.Event.OrganizationId ?? "" : "",
        Detail = record.Detail,
        ClientAddress = record.Event.ClientAddress ?? "",
        UserAgent = record.UserAgent ?? "",
    };
}
