namespace Connect.Grpc.Domain;

/// <summary>
/// The start of "forgot password" in <see cref="SignInFlow"/>: a code e-mailed to the address, and sent again on
/// request. Whether or not the address is known, the work and the answer are the same (decision 0019).
/// </summary>
internal sealed class PasswordResetStartStep(
    UnitOfWork work,
    TimeProvider time,
    SignInFlow flow,
    SignInLocks locks,
    AddressThrottle throttle,
    CodeChallenges challenges)
{
    /// <summary>Starts a reset; whether or not the address is known, a code is made and the answer is the same.</summary>
    public (string Token, SignIn SignIn, DateTime NextResend) StartPasswordReset(Caller caller, string? email)
    {
        var address = Validate.Email("email", email);
        throttle.Take(SignInFlow.Door, caller);
        return work.Write(change =>
        {
            var w = change.Store;
            var person = w.PersonByEmail(address);
            var (token, signIn) = flow.Begin(SignInPurpose.PasswordReset, SignInStep.ResetCodeSent, person, address, SignInFlow.ResetLifetime);
            w.Insert(signIn);
            var next = SendResetCode(change, caller, signIn, person);
            return (token, signIn, next);
        });
    }

    public DateTime ResendPasswordResetCode(Caller caller, string? token)
    {
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = flow.Load(w, token, SignInStep.ResetCodeSent);
            // An unknown address's reset reads too (an id no person has), so that both paths do the same reads.
            var person = w.Get<Person>(signIn.PersonId ?? signIn.Id);
            return SendResetCode(change, caller, signIn, person);
        });
    }

    private DateTime SendResetCode(Change change, Caller caller, SignIn signIn, Person? person)
    {
        var (code, next) = challenges.Issue(change.Store, ChallengePurpose.PasswordReset, signIn.Id, signIn.Email, sent: person is not null);
        var email = new PasswordResetEmail(signIn.Email, person?.Language ?? Languages.Default, code, time.UtcNow() + CodeChallenges.Validity);
        if (person is not null)
        {
            change.Send(email);
            change.Audit(caller, AuditActions.PersonPasswordResetRequested, null, "person", person.Id);
            return next;
        }
        // An unknown address gets no e-mail but the same work (decision 0019): the e-mail is rendered and stored as a
        // decoy that the dispatcher drops, and the event goes on the address's lock key. Its code exists so that every
        // later answer looks the same.
        change.SendDecoy(email);
        change.Audit(caller, AuditActions.PasswordResetRequestedUnknownAddress, null, "address", locks.KeyOf(signIn.Email));
        return next;
    }
}
