using Connect.Grpc.Security;
using Connect.V1;

namespace Connect.Grpc.Domain;

/// <summary>
/// The end of "forgot password" in <see cref="SignInFlow"/>: the e-mailed code and the new password; the sign-in then
/// goes on with its second factor, which applies the new password.
/// </summary>
internal sealed class PasswordResetFinishStep(
    IStore store,
    UnitOfWork work,
    TimeProvider time,
    SignInFlow flow,
    AddressThrottle throttle,
    CodeChallenges challenges,
    PasswordHasher passwordHasher,
    PasswordPolicy passwordPolicy)
{
    /// <summary>Takes the e-mailed code and the new password, which is applied once the second factor succeeds.</summary>
    public async Task<SignInChallengeInfo> ResetPassword(Caller caller, string? token, string? code, string? newPassword, CancellationToken cancellationToken)
    {
        passwordPolicy.Check("new_password", newPassword);
        throttle.Take(SignInFlow.Door, caller);
        store.Read(r => flow.Load(r, token, SignInStep.ResetCodeSent));
        var newHash = await passwordHasher.HashAsync(newPassword!, cancellationToken);
        return work.Write(change =>
        {
            var w = change.Store;
            var signIn = flow.Load(w, token, SignInStep.ResetCodeSent);
            var wrong = challenges.Verify(w, ChallengePurpose.PasswordReset, signIn.Id, code)
                ?? (signIn.PersonId is null ? new ConnectException(ErrorReason.CodeInvalid, "The code is wrong.") : null);
            // Counted on the sign-in, as a second factor's: a resent code must not buy five more tries.
            if (wrong?.Reason is ErrorReason.CodeInvalid or ErrorReason.TooManyAttempts)
                return change.Refuse<SignInChallengeInfo>(SignInFlow.WrongCode(w, signIn, "code"));
            if (wrong is not null) return change.Refuse<SignInChallengeInfo>(wrong);
            var person = SignInFlow.PersonOf(w, signIn);
            var now = time.UtcNow();
            signIn.NewPasswordHash = newHash;
            signIn.Step = SignInStep.PasswordVerified;
            signIn.ExpiresAt = now + SignInFlow.Lifetime;
            w.Update(signIn);
            change.Audit(caller with { PersonId = person.Id }, AuditActions.PersonPasswordResetCodeVerified, null, "person", person.Id,
                new() { ["sign_in_id"] = signIn.Id });
            return SignInFlow.Challenge(w, token!, signIn, person);
        });
    }
}
