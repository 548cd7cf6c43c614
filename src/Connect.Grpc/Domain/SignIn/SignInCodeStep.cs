using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>Step 2 of <see cref="SignInFlow"/>: an SMS code for the second factor.</summary>
internal sealed class SignInCodeStep(UnitOfWork work, SignInFlow flow, CodeChallenges challenges, MobileNumbers mobileNumbers)
{
    /// <summary>
    /// Sends an SMS code to the person's verified number; after a second-factor reset, to the new number
    /// <paramref name="phoneNumber"/> (required then, refused otherwise), which the code will make the verified one.
    /// </summary>
    public (string MaskedPhoneNumber, DateTime NextResend) SendCode(Caller caller, string? token, string? phoneNumber)
    {
        var typed = (phoneNumber ?? "").Trim();
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = flow.Load(w, token, SignInStep.PasswordVerified);
            var person = SignInFlow.PersonOf(w, signIn);
            if (!person.PhoneNumberRequired && PasskeyPolicies.Demand(w, person) is PasskeyDemand.PasskeyOnly or PasskeyDemand.Refuse)
                throw PasskeyPolicies.Required("The organisation requires a passkey: no SMS code is sent.");
            string number;
            if (person.PhoneNumberRequired)
            {
                if (typed.Length == 0) throw ConnectException.Field("phone_number", "must be the new mobile number to verify");
                number = mobileNumbers.Parse("phone_number", typed);
                signIn.PendingPhoneNumber = number;
                w.Update(signIn);
            }
            else
            {
                if (typed.Length > 0) throw ConnectException.Field("phone_number", "must be empty: the code goes to the verified number");
                if (person.PhoneNumber.Length == 0)
                    throw new ConnectException(ErrorReason.SecondFactorUnavailable, "The person has no verified mobile number.");
                number = person.PhoneNumber;
            }
            var (code, next) = challenges.Issue(w, ChallengePurpose.SignInSms, signIn.Id, number);
            change.Send(new PhoneCodeSms(number, person.Language, code));
            var details = new Dictionary<string, string> { ["phone_number"] = MobileNumbers.Mask(number) };
            if (person.PhoneNumberRequired) details["new_number"] = "true";
            change.Audit(caller with { PersonId = person.Id }, AuditActions.PersonSignInCodeSent, null, "person", person.Id, details);
            return (MobileNumbers.Mask(number), next);
        });
    }
}
