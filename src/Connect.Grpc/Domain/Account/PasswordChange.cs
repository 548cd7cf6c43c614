using Connect.Grpc.Security;

namespace Connect.Grpc.Domain;

/// <summary>A person changes their own password, proving the current one (<see cref="AccountFlow"/>).</summary>
internal sealed class PasswordChange(
    TimeProvider time,
    AccountFlow flow,
    Sessions sessions,
    PasswordHasher passwordHasher,
    PasswordPolicy passwordPolicy)
{
    /// <summary>Changes the password and ends the person's other sessions; returns how many ended.</summary>
    public async Task<int> ChangePassword(Caller caller, SessionInfo session, string? currentPassword, string? newPassword, CancellationToken cancellationToken)
    {
        passwordPolicy.Check("new_password", newPassword);
        await flow.Reauthenticate(caller, session, "current_password", currentPassword, cancellationToken);
        var newHash = await passwordHasher.HashAsync(newPassword!, cancellationToken);
        var ended = 0;
        flow.ChangePerson(caller, session, AuditActions.PersonPasswordChanged, (change, person) =>
        {
            person.PasswordHash = newHash;
            person.CredentialVersion++;
            person.PasswordChangedAt = time.UtcNow();
            ended = sessions.RevokeAll(change.Store, person.Id, session.SessionId);
            change.Send(new AccountChangedEmail(person.Email, person.Language, AccountChange.PasswordChanged, time.UtcNow()));
            return new() { ["ended_sessions"] = ended.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        });
        return ended;
    }
}
