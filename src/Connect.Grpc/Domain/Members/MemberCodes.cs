namespace Connect.Grpc.Domain;

/// <summary>
/// Where a member's SMS code goes. While a membership waits for a person who has a verified number of their own
/// (and is not the organisation's draft), the code goes to that number and the person reads it out: the check still
/// proves they are there, and a number an administrator typed never reaches their account. The limits (60 seconds,
/// 5 an hour) are counted on the number typed, as for a new person, so that a refusal never tells whose address it was.
/// </summary>
internal static class MemberCodes
{
    /// <summary>Issues and queues the code inside the caller's write; returns when the next may be asked for.</summary>
    public static DateTime Send(Change change, CodeChallenges challenges, ChallengePurpose purpose,
        Membership membership, Person person, string typedNumber, string organizationName)
    {
        var (code, next) = challenges.Issue(change.Store, purpose, membership.Id, typedNumber);
        var toOwnNumber = membership.Invitee is not null && person.PhoneNumber.Length > 0 && !membership.Drafts(person);
        change.Send(new MemberPhoneCodeSms(toOwnNumber ? person.PhoneNumber : typedNumber, person.Language, code, organizationName));
        return next;
    }
}
